"""The newsletter: email alerts whose topics are saved searches, digests, and leaving."""
