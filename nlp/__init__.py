"""The Dutch spaCy pipeline that recognises citizen initiatives, their municipality and themes."""
