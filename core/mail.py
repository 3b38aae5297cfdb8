"""Sending email, with a clear answer when the mail service is down."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

MAIL_DOWN = (
    "We could not send the email because the mail service is not answering. "
    "Nothing has been saved: try again in a few minutes."
)


class MailNotSent(Exception):
    def __init__(self):
        super().__init__(MAIL_DOWN)


def send(subject: str, template: str, context: dict, to: list[str]) -> None:
    try:
        send_mail(subject, render_to_string(template, context), settings.DEFAULT_FROM_EMAIL, to)
    except (smtplib.SMTPException, OSError) as error:
        logger.exception("Email %r to %s not sent", subject, to)
        raise MailNotSent from error
