Extension: ParcoursExtensionOutsideParticipants
Id: parcours-outside-participants
Title: "Participants hors Parcours / Participants outside Parcours"
Description: "Sur la séance d'un atelier collectif (Encounter sans subject) : nombre de participants qui n'ont pas de dossier dans Parcours. — On a workshop session: how many participants have no Parcours record."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Encounter"
* value[x] 1..1
* value[x] only unsignedInt
