Profile: ParcoursProvenance
Parent: Provenance
Id: parcours-provenance
Title: "Traçabilité des modifications / Parcours provenance"
Description: "Qui a modifié quoi, quand, et à partir de quoi (par exemple la réunion de synthèse à l'origine d'une modification du plan). — Who changed what, when, and from what (e.g. the synthesis meeting behind a plan change)."
* insert ParcoursMetadata
* target MS
* recorded MS
* activity 1..1 MS
* agent MS
* agent.who MS
* entity MS
* entity.what MS
* reason MS
