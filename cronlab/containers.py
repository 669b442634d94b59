"""One container of a Job's pod, as the API server checks it.

The refusals real manifests run into (``ValidateContainers`` and what it
calls in ``pkg/apis/core/validation``): a name and an image; command words
that are strings (an unquoted ``8080`` does not decode into ``[]string``);
ports in range with short, unique names; a known image pull policy;
resource quantities the API can parse (``512MB`` is not one: ``512M`` or
``512Mi``); and volume mounts that name a volume of the pod.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .names import MAX_LABEL, is_dns_label

PULL_POLICIES = ("Always", "IfNotPresent", "Never")

# IsValidPortName: an IANA service name, at most 15 characters.
_PORT_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")
_MAX_PORT_NAME = 15
# resource.Quantity: a signed decimal and an optional SI, binary or
# exponent suffix.
_QUANTITY = re.compile(
    r"[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?"
)

Found = tuple[str, str]


def container_problems(
    here: str, container: dict[str, Any], volumes: set[str]
) -> list[Found]:
    """What the API server refuses in the container at path ``here``, as
    (field, message) pairs; ``volumes`` are the names of the pod's volumes."""
    return [
        *_name_and_image(here, container),
        *_words(here, container),
        *_ports(here, container.get("ports")),
        *_pull_policy(here, container.get("imagePullPolicy")),
        *_resources(here, container.get("resources")),
        *_mounts(here, container.get("volumeMounts"), volumes),
    ]


def _name_and_image(here: str, container: dict[str, Any]) -> Iterator[Found]:
    name = container.get("name")
    if not name:
        yield (f"{here}.name", "a container needs a name")
    elif not is_dns_label(str(name)):
        yield (
            f"{here}.name",
            "a container name must be a DNS-1123 label (lower-case letters, "
            f"digits and '-', at most {MAX_LABEL}): {name!r}",
        )
    if not container.get("image"):
        yield (f"{here}.image", "a container needs an image")


def _words(here: str, container: dict[str, Any]) -> Iterator[Found]:
    for part in ("command", "args"):
        for i, word in enumerate(_list(container.get(part))):
            if not isinstance(word, str):
                yield (
                    f"{here}.{part}[{i}]",
                    f"{part} items must be strings; quote it: {word!r}",
                )


def _ports(here: str, ports: Any) -> Iterator[Found]:
    names: set[str] = set()
    for i, port in enumerate(_list(ports)):
        if not isinstance(port, dict):
            continue
        number = port.get("containerPort")
        if number is not None and not _is_port(number):
            yield (
                f"{here}.ports[{i}].containerPort",
                f"containerPort must be a number from 1 to 65535: {number!r}",
            )
        name = port.get("name")
        if name is None:
            continue
        if not _is_port_name(str(name)):
            yield (
                f"{here}.ports[{i}].name",
                f"a port name is at most {_MAX_PORT_NAME} lower-case letters, "
                "digits and '-', with a letter, and no '--': "
                f"{name!r}",
            )
        elif name in names:
            yield (f"{here}.ports[{i}].name", f"two ports are named {name!r}")
        names.add(str(name))


def _pull_policy(here: str, policy: Any) -> Iterator[Found]:
    if policy is not None and policy not in PULL_POLICIES:
        yield (
            f"{here}.imagePullPolicy",
            f"imagePullPolicy must be one of {', '.join(PULL_POLICIES)}: {policy!r}",
        )


def _resources(here: str, resources: Any) -> Iterator[Found]:
    if not isinstance(resources, dict):
        return
    for part in ("requests", "limits"):
        amounts = resources.get(part)
        for name, amount in amounts.items() if isinstance(amounts, dict) else ():
            if isinstance(amount, bool) or not (
                isinstance(amount, int | float)
                or (isinstance(amount, str) and _QUANTITY.fullmatch(amount))
            ):
                yield (
                    f"{here}.resources.{part}.{name}",
                    "not a quantity the API can read (e.g. 500m, 1.5, 512Mi, "
                    f"2G): {amount!r}",
                )


def _mounts(here: str, mounts: Any, volumes: set[str]) -> Iterator[Found]:
    for i, mount in enumerate(_list(mounts)):
        name = mount.get("name") if isinstance(mount, dict) else None
        if name is not None and str(name) not in volumes:
            yield (
                f"{here}.volumeMounts[{i}].name",
                f"no volume of the pod is named {name!r}",
            )


def _is_port(number: Any) -> bool:
    return (
        not isinstance(number, bool) and isinstance(number, int) and 0 < number < 65536
    )


def _is_port_name(name: str) -> bool:
    return (
        len(name) <= _MAX_PORT_NAME
        and _PORT_NAME.fullmatch(name) is not None
        and "--" not in name
        and any(c.isalpha() for c in name)
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
