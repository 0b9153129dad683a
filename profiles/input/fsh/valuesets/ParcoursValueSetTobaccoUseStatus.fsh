ValueSet: ParcoursValueSetTobaccoUseStatus
Id: parcours-tobacco-use-status
Title: "Statut tabagique / Tobacco use status"
Description: "Statut tabagique (SNOMED CT). — Tobacco smoking status (SNOMED CT)."
* insert ParcoursValueSet
* $SCT#449868002 "Fume du tabac tous les jours"
* $SCT#428041000124106 "Fumeur occasionnel"
* $SCT#8517006 "Ancien fumeur"
* $SCT#266919005 "N'a jamais fumé"
* $SCT#77176002 "Fumeur, fréquence inconnue"
* $SCT#266927001 "Statut tabagique inconnu"
