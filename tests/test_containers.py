"""One container of a Job's pod: what the API server refuses in it."""

from __future__ import annotations

from typing import Any

from cronlab.containers import container_problems


def problems_of(volumes: set[str] | None = None, **fields: Any) -> list[str]:
    container = {"name": "main", "image": "busybox", **fields}
    return [where for where, _ in container_problems("c", container, volumes or set())]


def test_a_plain_container_is_accepted() -> None:
    assert problems_of() == []


def test_port_names_are_short_unique_service_names() -> None:
    ports = [
        {"name": "http", "containerPort": 80},
        {"name": "prometheus-metrics", "containerPort": 9090},
        {"name": "http", "containerPort": 8080},
        {"name": "metrics", "containerPort": 9100},
    ]

    assert problems_of(ports=ports) == ["c.ports[1].name", "c.ports[2].name"]


def test_the_image_pull_policy_is_one_the_api_knows() -> None:
    assert problems_of(imagePullPolicy="IfNotPresent") == []
    [(_, message)] = container_problems(
        "c", {"name": "a", "image": "b", "imagePullPolicy": "always"}, set()
    )
    assert message == (
        "imagePullPolicy must be one of Always, IfNotPresent, Never: 'always'"
    )


def test_resource_amounts_are_quantities() -> None:
    good = {"requests": {"cpu": "500m", "memory": "512Mi"}, "limits": {"cpu": 1.5}}
    bad = {"requests": {"memory": "512MB"}, "limits": {"cpu": "1 core"}}

    assert problems_of(resources=good) == []
    assert problems_of(resources=bad) == [
        "c.resources.requests.memory",
        "c.resources.limits.cpu",
    ]


def test_a_volume_mount_names_a_volume_of_the_pod() -> None:
    mounts = [
        {"name": "data", "mountPath": "/d"},
        {"name": "config", "mountPath": "/c"},
    ]

    assert problems_of({"data"}, volumeMounts=mounts) == ["c.volumeMounts[1].name"]
