"""The site's URLs: Wagtail admin, accounts, the API's description, search, members, then
Wagtail's page tree."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from allauth.account.decorators import secure_admin_login

from network.home.views import evidence_page, favicon, glossary_page
from network.ops.health import healthz
from network.sitemaps import robots_txt, sitemap
from newsletter.webhooks import tracking_webhooks

# Both admins sign people in through allauth, so two-factor sign-in and its rate limits
# apply there too; their own login forms would skip them.
# allauth's documented way; the type checker refuses any assignment to a method.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("glossary/", glossary_page, name="glossary"),
    path("evidence/", evidence_page, name="evidence"),
    path("", include("network.api.urls")),
    path("", include("opendata.urls")),
    path("", include("search.urls")),
    path("", include("contributions.urls")),
    path("", include("members.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("questions/", include("questions.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.NEWSLETTER_WEBHOOK_SECRET:
    urlpatterns.append(path("newsletter/webhooks/", include(tracking_webhooks())))

urlpatterns.append(path("", include(wagtail_urls)))
