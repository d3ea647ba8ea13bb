"""The registry of site profiles: one module per site in this package.

Every module here (except ``base`` and ``_``-helpers) defines ``PROFILE: SiteProfile``,
or ``PROFILES``: a network of sites sharing one template (Tribun's regional editions,
Suara's regional sites, Jawa Pos Radar) generated from one table. They are found by
scanning the package, so adding a site means adding one file (or one table row).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

from scraper.sites.base import SiteProfile

__all__ = ["SiteProfile", "all_profiles", "get_profile", "load_profile", "profile_for_url", "site_name"]


@lru_cache(maxsize=1)
def all_profiles() -> tuple[SiteProfile, ...]:
    """Every profile, sorted by name."""
    profiles = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        profile = _profile_of(module)
        if profile is not None:
            profiles.append(profile)
        profiles += [p for p in getattr(module, "PROFILES", ()) if isinstance(p, SiteProfile)]
    names = [p.name for p in profiles]
    if len(set(names)) != len(names):
        raise ValueError(f"two site profiles share a name: {sorted({n for n in names if names.count(n) > 1})}")
    return tuple(sorted(profiles, key=lambda p: p.name))


def _profile_of(module: ModuleType) -> SiteProfile | None:
    profile = getattr(module, "PROFILE", None)
    return profile if isinstance(profile, SiteProfile) else None


def load_profile(path: str | Path) -> SiteProfile:
    """The profile of a site file outside this package (a draft from ``scraper sites
    new``), read the way the registry reads its own; ValueError when it has none."""
    path = Path(path)
    spec = importlib.util.spec_from_file_location(f"{__name__}._file_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ValueError(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    profile = _profile_of(module)
    if profile is None:
        raise ValueError(f"{path}: defines no PROFILE = SiteProfile(...)")
    return profile


def get_profile(name: str) -> SiteProfile | None:
    """The profile called ``name`` (or owning the domain ``name``), if any."""
    for profile in all_profiles():
        if profile.name == name or name in profile.domains:
            return profile
    return None


def profile_for_url(url: str | None) -> SiteProfile | None:
    """The profile whose domain owns ``url``'s host; the longest domain wins."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    best: tuple[int, SiteProfile] | None = None
    for profile in all_profiles():
        for domain in profile.domains:
            if (host == domain or host.endswith("." + domain)) and (best is None or len(domain) > best[0]):
                best = (len(domain), profile)
    return best[1] if best else None


def site_name(url: str | None) -> str | None:
    """The ``site`` recorded for ``url``: its profile's name, else the bare host
    (without www./m./amp.), so unknown sites still group sensibly in the store."""
    profile = profile_for_url(url)
    if profile is not None:
        return profile.name
    host = (urlsplit(url or "").hostname or "").lower()
    return re.sub(r"^(www|m|amp)\.", "", host) or None
