Profile: ParcoursEncounter
Parent: Encounter
Id: parcours-encounter
Title: "Rencontre Parcours / Parcours encounter"
Description: "Consultations individuelles ou partagées, au téléphone (class VR) ou en présentiel (AMB), réunions de synthèse (présents, personnes revues, décisions), ateliers, accompagnements, séjours hospitaliers (mode de sortie). — Individual or shared consultations, by phone or in person, synthesis meetings, workshops, accompaniments, hospital stays."
* insert ParcoursMetadata
* obeys parcours-encounter-subject and parcours-encounter-discharge and parcours-encounter-workshop and parcours-encounter-length-minutes
* extension contains ParcoursExtensionSynthesisReview named synthesisReview 0..* MS
* extension contains ParcoursExtensionOutsideParticipants named outsideParticipants 0..1 MS and ParcoursExtensionWorkshopTheme named workshopTheme 0..1 MS and ParcoursExtensionEncounterNote named note 0..* MS
* identifier MS
* status MS
* class MS
* class from ParcoursValueSetEncounterClass (required)
* class ^short = "AMB présentiel, VR téléphone/visio (visio : type visio en plus), HH domicile, FLD aller-vers, IMP hospitalisation / in person, phone or video, home, outreach, inpatient"
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
* length MS
* length ^short = "Durée en minutes (UCUM min) / length in minutes"
* reasonCode MS
* reasonCode from ParcoursValueSetDomain (extensible)
* reasonCode ^short = "Domaines travaillés (santé, droits, logement...) / areas of work"
* partOf MS
* partOf only Reference(ParcoursEncounter)
* partOf ^short = "Atelier : la séance dont cette participation fait partie / workshop: the session this participation is part of"
* location MS
* reasonReference MS
* basedOn MS
* hospitalization MS
* hospitalization.dischargeDisposition MS
* serviceProvider MS
* serviceProvider only Reference(ParcoursOrganization)
