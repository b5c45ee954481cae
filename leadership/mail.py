"""A file mail backend that writes each message once, named by its Message-ID.

Used for the reminder fault test and for demos (EMAIL_BACKEND=filebased). A message sent again
under the same Message-ID (a sender killed after writing but before recording it as sent) finds its
file already there and is not written twice, the way a mail server can drop a repeated Message-ID.
Each skipped repeat is counted in `repeats.log` so tests can see recovery happening.
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class MessageIdFileBackend(BaseEmailBackend):
    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)
        self.directory.mkdir(parents=True, exist_ok=True)

    def send_messages(self, email_messages) -> int:
        written = 0
        for message in email_messages:
            data = message.message().as_bytes()
            message_id = message.extra_headers.get("Message-ID") or message.message()["Message-ID"]
            name = hashlib.sha256(message_id.encode()).hexdigest() + ".eml"
            temporary = self.directory / f".{name}.{os.getpid()}.tmp"
            temporary.write_bytes(data)
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            try:
                os.link(temporary, self.directory / name)  # atomic, and fails if already there
                written += 1
            except FileExistsError:
                with open(self.directory / "repeats.log", "a") as log:
                    log.write(message_id + "\n")
            finally:
                temporary.unlink(missing_ok=True)
        return written
