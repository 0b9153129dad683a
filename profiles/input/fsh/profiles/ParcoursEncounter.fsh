Profile: ParcoursEncounter
Parent: Encounter
Id: parcours-encounter
Title: "Rencontre Parcours / Parcours encounter"
Description: "Consultations individuelles ou partagées, au téléphone (class VR) ou en présentiel (AMB), réunions de synthèse (profils ParcoursEncounterSynthesisMeeting et ParcoursEncounterCaseReview), ateliers, accompagnements, séjours hospitaliers (mode de sortie). — Individual or shared consultations, by phone or in person, synthesis meetings, workshops, accompaniments, hospital stays."
* insert ParcoursMetadata
* obeys parcours-encounter-subject and parcours-encounter-discharge
* identifier MS
* status MS
* class MS
* class from ParcoursValueSetEncounterClass (required)
* class ^short = "AMB présentiel, VR téléphone/visio, HH domicile, IMP hospitalisation / in person, phone, home, inpatient"
* type 1..* MS
* type from ParcoursValueSetEncounterType (required)
* subject MS
* subject only Reference(ParcoursPatient)
* participant MS
* participant ^short = "Présents (réunion de synthèse) ou intervenants / attendees or professionals"
* participant.individual MS
* participant.individual only Reference(ParcoursPractitioner or ParcoursPractitionerRole or RelatedPerson)
* appointment MS
* appointment only Reference(ParcoursAppointment)
* period MS
* reasonReference MS
* basedOn MS
* hospitalization MS
* hospitalization.dischargeDisposition MS
* serviceProvider MS
* serviceProvider only Reference(ParcoursOrganization)
