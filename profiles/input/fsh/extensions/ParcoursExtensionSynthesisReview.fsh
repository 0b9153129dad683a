Extension: ParcoursExtensionSynthesisReview
Id: parcours-synthesis-review
Title: "Personne revue en réunion de synthèse / Person reviewed in a synthesis meeting"
Description: "Une personne revue pendant la réunion de synthèse, la décision prise et le plan modifié (la modification est tracée par une Provenance). — One person reviewed in the synthesis meeting, the decision and the plan it changed (traced by a Provenance)."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Encounter"
* extension contains patient 1..1 MS and decision 0..1 MS and carePlan 0..1 MS
* extension[patient] ^short = "Personne revue / person reviewed"
* extension[patient].value[x] only Reference(Patient)
* extension[patient].value[x] 1..1
* extension[decision] ^short = "Décision prise / decision taken"
* extension[decision].value[x] only string
* extension[decision].value[x] 1..1
* extension[carePlan] ^short = "Plan modifié / care plan changed"
* extension[carePlan].value[x] only Reference(CarePlan)
* extension[carePlan].value[x] 1..1
* value[x] 0..0
