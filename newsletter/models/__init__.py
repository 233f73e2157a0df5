"""The newsletter's models: subscribers and their topics, what was sent, and the
editors' newsletter pages."""

from .pages import NewsletterArchivePage, NewsletterIssuePage
from .sends import Delivery, Send
from .subscribers import Consent, Frequency, Subscriber, Subscription

__all__ = [
    "Consent",
    "Delivery",
    "Frequency",
    "NewsletterArchivePage",
    "NewsletterIssuePage",
    "Send",
    "Subscriber",
    "Subscription",
]
