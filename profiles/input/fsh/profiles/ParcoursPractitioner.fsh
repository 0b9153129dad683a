Profile: ParcoursPractitioner
Parent: Practitioner
Id: parcours-practitioner
Title: "Professionnel Parcours / Parcours practitioner"
Description: "Professionnel de l'équipe. Le RPPS est renseigné pour les professions qui en ont un (médecins, pharmaciens, infirmiers, psychologues) ; travailleurs sociaux, référents et intervenants RdR n'en ont pas. — Team professional. RPPS is given for professions that have one; social workers, referents and harm-reduction workers have none."
* insert ParcoursMetadata
* obeys parcours-rpps-format
* insert IdentifierSlicing
* identifier MS
* identifier contains RPPS 0..1 MS
* insert IdentifierSlice(RPPS, urn:oid:1.2.250.1.71.4.2.1, [[RPPS (11 chiffres) / RPPS number]])
* name 1..* MS
* name.family 1..1 MS
* name.given MS
* telecom MS
* qualification MS
