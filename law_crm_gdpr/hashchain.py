"""The hash chain of the GDPR log, without Odoo.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's
canonical content (JSON with sorted keys, no whitespace). Changing an entry
breaks its own hash; removing or inserting one breaks the link (``prev_hash``)
and the gap-free sequence of the next. Only the newest entries can be cut off
unnoticed by the chain alone: that needs the head hash kept elsewhere.
"""

import hashlib
import json

GENESIS = "0" * 64


def canonical(content):
    """The bytes an entry's hash covers: stable whatever the key order."""
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def entry_hash(prev_hash, content):
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(content)).hexdigest()


def first_break(entries, prev_hash=GENESIS, prev_sequence=0):
    """The sequence number of the first entry that does not verify, or None.

    ``entries``: iterable of (sequence, prev_hash, hash, content) in sequence
    order; ``prev_hash``/``prev_sequence`` let a verification resume after a
    verified batch. A missing sequence number counts as a break at the entry
    after the gap.
    """
    for sequence, stored_prev, stored_hash, content in entries:
        if (
            sequence != prev_sequence + 1
            or stored_prev != prev_hash
            or stored_hash != entry_hash(stored_prev, content)
        ):
            return sequence
        prev_hash, prev_sequence = stored_hash, sequence
    return None
