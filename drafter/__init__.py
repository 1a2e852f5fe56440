"""drafter: Chinese official speeches and articles from a questionnaire, in GB/T 9704 format."""

__version__ = "0.1.0"
