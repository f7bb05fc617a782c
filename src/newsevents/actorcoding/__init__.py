"""Actor coding: every actor mention of an article with its country, sector and CAMEO-style code.

Reads the spaCy-free language layer (tokens with dependencies) and the actor knowledge base
(:mod:`newsevents.knowledge.actors`).  Rules, each named in the ``extractor`` of what it makes:

* ``kb:actors-v1`` — a knowledge-base name: group, person, country
  (:mod:`~newsevents.actorcoding.mentions`).
* ``rule:actors-compound-v1`` and ``rule:actors-distributed-demonym-v1`` — a role noun with a
  country: "Iraqi armed forces", "the Iraqi and Syrian armies"
  (:mod:`~newsevents.actorcoding.compounds`).
* ``rule:actors-metonymy-v1`` — a capital or institution acting as the state
  (:mod:`~newsevents.actorcoding.metonymy`).
* ``rule:actors-apposition-v1`` and ``rule:actors-context-country-v1`` — what the sentence
  around a mention tells (:mod:`~newsevents.actorcoding.context`).
* ``rule:actors-coref-v1`` — within-article coreference
  (:mod:`~newsevents.actorcoding.coreference`).

Actor ids: ``cty:IRQ``, ``grp:<id>``, ``per:<id>`` from the knowledge base; ``cty:IRQ:MIL`` for a
country's sector ("Iraqi armed forces"); None for an unnamed actor without a country.
:mod:`~newsevents.actorcoding.resolve` runs the rules in order; the pipeline stage is
:mod:`newsevents.stages.actors`.
"""

from newsevents.actorcoding.credits import credit_spans
from newsevents.actorcoding.metonymy import is_metonymy
from newsevents.actorcoding.resolve import actor_at, analyse_actors, resolve_actors

__all__ = ["actor_at", "analyse_actors", "credit_spans", "is_metonymy", "resolve_actors"]
