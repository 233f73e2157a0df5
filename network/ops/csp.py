"""The Content Security Policy header, by django-csp: the site's pages run only the
site's own scripts.

The policy is a setting (CONTENT_SECURITY_POLICY in network/settings/base.py). The one
thing django-csp has no setting for is a second policy for some paths: Wagtail's admin
writes small inline scripts, so its paths also allow inline scripts. This subclass, at
the hook django-csp documents for it, says so; nothing else is written by hand.
"""

from django.conf import settings

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# Appended to the site's policy on the admin's paths.
ADMIN_ALLOWS = {"script-src": [UNSAFE_INLINE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.update is None and request.path.startswith(
            settings.CONTENT_SECURITY_POLICY_ADMIN_PATHS
        ):
            parts.update = ADMIN_ALLOWS
        return parts
