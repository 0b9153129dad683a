Profile: ParcoursBundleDischarge
Parent: Bundle
Id: parcours-bundle-discharge
Title: "Lot de sortie d'hospitalisation / Hospital discharge bundle"
Description: "Document de sortie (type document) : compte rendu, personne, séjour, suites à donner, traitements de sortie. Identifié (identifier) et rapproché de la personne par INS ou identifiant local. — Discharge document: summary, person, stay, follow-up requests, discharge medicines. Identified, and matched to the person by INS or local identifier."
* insert ParcoursMetadata
* obeys parcours-discharge-bundle
* identifier 1..1 MS
* identifier.system 1..1 MS
* identifier.value 1..1 MS
* type = #document (exactly)
* timestamp 1..1 MS
* entry 3..* MS
* entry.fullUrl 1..1 MS
* entry.resource 1..1 MS
