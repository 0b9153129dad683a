Profile: ParcoursCompositionDischarge
Parent: Composition
Id: parcours-composition-discharge
Title: "Compte rendu de sortie / Discharge summary"
Description: "Compte rendu de sortie d'hospitalisation envoyé au médecin traitant et à l'équipe : séjour, suites à donner, traitements de sortie. — Hospital discharge summary sent to the GP and the team: stay, follow-up requests, discharge medicines."
* insert ParcoursMetadata
* status MS
* type = $LNC#18842-5
* subject 1..1 MS
* subject only Reference(ParcoursPatient)
* encounter 1..1 MS
* encounter only Reference(ParcoursEncounter)
* date MS
* author MS
* title MS
* section 1..* MS
* section ^slicing.discriminator[0].type = #pattern
* section ^slicing.discriminator[0].path = "code"
* section ^slicing.rules = #open
* section contains stay 1..1 MS and followUp 0..1 MS and medications 0..1 MS
* section[stay].code 1..1
* section[stay].code = $LNC#8648-8
* section[stay] ^short = "Séjour / hospital course"
* section[followUp].code 1..1
* section[followUp].code = $LNC#18776-5
* section[followUp] ^short = "Suites à donner (Task) / follow-up requests (Task)"
* section[followUp].entry only Reference(ParcoursTask)
* section[medications].code 1..1
* section[medications].code = $LNC#10183-2
* section[medications] ^short = "Traitements de sortie / discharge medicines"
* section[medications].entry only Reference(MedicationStatement or MedicationRequest)
