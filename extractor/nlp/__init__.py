"""Segmentation: spaCy over a private jieba tokenizer."""
