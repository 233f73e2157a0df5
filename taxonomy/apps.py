from django.apps import AppConfig
from django.core import signals
from django.db.models.signals import post_delete, post_save


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Taxonomy"

    def ready(self):
        from base import pagecache

        from . import glossary, terms
        from .models import TAXONOMY_MODELS, Organisation, SynonymSet

        for model in TAXONOMY_MODELS.values():
            uid = f"taxonomy.forget.{model._meta.label_lower}"
            post_save.connect(terms.term_changed, sender=model, dispatch_uid=f"{uid}.save")
            post_delete.connect(terms.term_changed, sender=model, dispatch_uid=f"{uid}.delete")
        # Pages show terms and organisations: a change forgets every cached page.
        pagecache.forget_on_change(*TAXONOMY_MODELS.values(), Organisation, uid="taxonomy")
        signals.request_started.connect(terms.request_started, dispatch_uid="taxonomy.memo.start")
        signals.request_finished.connect(terms.request_finished, dispatch_uid="taxonomy.memo.end")
        for signal in (post_save, post_delete):
            signal.connect(
                glossary.forget, sender=SynonymSet, dispatch_uid=f"taxonomy.synonyms.{signal}"
            )
