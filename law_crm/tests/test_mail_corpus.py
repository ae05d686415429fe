import email
import email.policy
import logging
import os
import time
from pathlib import Path

from odoo.tests import tagged

from .common import LawMailCommon

_logger = logging.getLogger(__name__)

# A hang guard, not a speed target: a message that takes longer is stuck.
SECONDS_PER_MESSAGE = 30


def corpus_folder():
    """The real-world email corpus shared beside the repository, if present.

    ``LAW_CRM_EMAIL_CORPUS`` names it explicitly; otherwise ``../shared/
    corpus/emails`` next to the checkout, then the workplace's copy. The corpus
    is never copied into the project.
    """
    candidates = [os.environ.get("LAW_CRM_EMAIL_CORPUS")]
    repository = Path(__file__).resolve().parents[2]
    candidates += [
        repository.parent / "shared" / "corpus" / "emails",
        Path("/work/shared/corpus/emails"),
    ]
    for candidate in filter(None, candidates):
        if Path(candidate).is_dir():
            return Path(candidate)
    return None


@tagged("post_install", "-at_install", "law_mail")
class TestMailCorpus(LawMailCommon):
    """Every message of the corpus (broken MIME, odd encodings, bounces, huge
    headers, a torture test), delivered to the logging address, ends on a
    matter, in triage, or as a bounce Odoo records; none raises, none vanishes."""

    def test_corpus(self):
        folder = corpus_folder()
        if folder is None:
            self.skipTest("email corpus absent: all of its messages skipped")
        files = sorted(path for path in folder.iterdir() if path.is_file())
        self.assertTrue(files, f"{folder} holds no messages")
        outcomes = {}
        for path in files:
            with self.subTest(message=path.name):
                outcomes[path.name] = self._deliver(path)
        tally = {
            kind: sum(1 for o in outcomes.values() if o == kind) for kind in set(outcomes.values())
        }
        _logger.info("email corpus %s: %d messages, %s", folder, len(files), tally)
        self.assertEqual(len(outcomes), len(files))

    def _deliver(self, path):
        """Where one message went: ``triage``, ``matter``, or, when the gateway
        returned nothing, the reason Odoo had (``bounce``, ``duplicate``)."""
        raw = f"Delivered-To: {self.logging}\r\n".encode() + path.read_bytes()
        emails_on_records = [("message_type", "=", "email")]
        before = self.env["mail.message"].search_count(emails_on_records)
        started = time.monotonic()
        with self.env.cr.savepoint():
            thread_id = self.process(raw)
        elapsed = time.monotonic() - started
        self.assertLess(elapsed, SECONDS_PER_MESSAGE, f"{path.name} took {elapsed:.1f} s")
        if thread_id:
            self.assertEqual(self.env["mail.message"].search_count(emails_on_records), before + 1)
            filed = self.env["mail.message"].search(emails_on_records, order="id desc", limit=1)
            self.assertIn(filed.model, ("law.mail.triage", "project.project"))
            return "triage" if filed.model == "law.mail.triage" else "matter"
        self.assertEqual(self.env["mail.message"].search_count(emails_on_records), before)
        message = email.message_from_bytes(raw, policy=email.policy.SMTP)
        parsed = self.env["mail.thread"].message_parse(message)
        if parsed["is_bounce"]:
            return "bounce"
        self.assertTrue(
            self.env["mail.message"].search_count([("message_id", "=", parsed["message_id"])]),
            f"{path.name} was neither filed, nor a bounce, nor a duplicate",
        )
        return "duplicate"
