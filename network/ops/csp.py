"""The Content Security Policy header: the site's pages run only the site's own scripts.

The policies themselves are settings (network/settings/base.py); the admin's paths get
their own, because Wagtail's admin writes some inline scripts. A response that already
carries a policy keeps it.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = policy_for(request.path)
        return response


def policy_for(path: str) -> str:
    if path.startswith(settings.CONTENT_SECURITY_POLICY_ADMIN_PATHS):
        return settings.CONTENT_SECURITY_POLICY_ADMIN
    return settings.CONTENT_SECURITY_POLICY
