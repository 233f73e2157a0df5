"""django-anymail's tracking webhooks, one URL per email provider, for bounces and
complaints (`leaving.on_tracking` receives what they parse). Only the tracking views:
nothing here reads inbound mail. The URLconf includes them under /newsletter/webhooks/
when `NEWSLETTER_WEBHOOK_SECRET` is set; anymail checks that basic-auth secret on every
request and answers 400 to a request without it."""

from anymail import urls as anymail_urls


def tracking_webhooks():
    """(patterns, app name) of anymail's tracking views, e.g. `postmark/tracking/`."""
    patterns = [p for p in anymail_urls.urlpatterns if p.name.endswith("tracking_webhook")]
    return patterns, anymail_urls.app_name
