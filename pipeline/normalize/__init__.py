"""Normalisers: dates, times, time zones and money from notice wording, in English and French."""
