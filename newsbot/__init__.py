"""newsbot: a Scrapy crawler for Korean portal news on gnuboard bulletin boards."""

__version__ = "0.1.0"
