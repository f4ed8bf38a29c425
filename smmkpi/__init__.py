"""smmkpi: does your social-media marketing work, and is your specialist effective?"""

__version__ = "0.1.0"
