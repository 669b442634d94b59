"""The name rules of Kubernetes objects (``k8s.io/apimachinery`` validation):
DNS-1123 labels (container names, namespaces) and subdomains (object
names, label-key prefixes)."""

from __future__ import annotations

import re

MAX_LABEL = 63
MAX_SUBDOMAIN = 253

_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_SUBDOMAIN = re.compile(
    r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
)


def is_dns_label(text: str) -> bool:
    """Whether ``text`` is a DNS-1123 label (a container name, a namespace)."""
    return len(text) <= MAX_LABEL and _LABEL.fullmatch(text) is not None


def is_dns_subdomain(text: str) -> bool:
    """Whether ``text`` is a DNS-1123 subdomain (an object name)."""
    return len(text) <= MAX_SUBDOMAIN and _SUBDOMAIN.fullmatch(text) is not None
