// Scenario (hospital discharge; seed: gp-office-addiction-consultations): Philippe leaves hospital after an alcohol
// withdrawal; the discharge document reaches his GP, with a follow-up visit requested within 7 days.

Instance: PatientSortieExample
InstanceOf: ParcoursPatient
Title: "Philippe Marchand (sortie d'hospitalisation)"
Usage: #example
* identifier[INS].system = "urn:oid:1.2.250.1.213.1.4.8"
* identifier[INS].value = "161095951204817"
* identifier[INS].use = #official
* identifier[+].system = "https://chu-roubaix.exemple.fr/fhir/identifiers/ipp"
* identifier[=].value = "IPP-4471203"
* name[0].use = #official
* name[0].family = "Marchand"
* name[0].given = "Philippe"
* gender = #male
* birthDate = "1961-09-05"
* extension[birthPlace].valueAddress.city = "Tourcoing"
* extension[birthPlace].valueAddress.postalCode = "59599"
* extension[birthPlace].valueAddress.country = "FRA"
* generalPractitioner = Reference(PractitionerSortieGpExample)

Instance: OrganizationSortieHospitalExample
InstanceOf: ParcoursOrganization
Title: "Centre hospitalier de Roubaix (fictif)"
Usage: #example
* identifier[FINESS].system = "urn:oid:1.2.250.1.71.4.2.2"
* identifier[FINESS].value = "590000456"
* name = "Centre hospitalier de Roubaix – service d'addictologie"
* type = ParcoursCodeSystemCareTeamRole#equipe-hospitaliere

Instance: PractitionerSortieHospitalistExample
InstanceOf: ParcoursPractitioner
Title: "Dr Sophie Leroy, addictologue hospitalière"
Usage: #example
* identifier[RPPS].system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier[RPPS].value = "10004445556"
* name.family = "Leroy"
* name.given = "Sophie"
* name.prefix = "Dr"

Instance: PractitionerSortieGpExample
InstanceOf: ParcoursPractitioner
Title: "Dr Pierre Dubois, médecin traitant"
Usage: #example
* identifier[RPPS].system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier[RPPS].value = "10002223334"
* name.family = "Dubois"
* name.given = "Pierre"
* name.prefix = "Dr"

Instance: EncounterSortieStayExample
InstanceOf: ParcoursEncounter
Title: "Séjour pour sevrage alcool (5 jours)"
Usage: #example
* identifier.system = "https://chu-roubaix.exemple.fr/fhir/identifiers/sejour"
* identifier.value = "SEJ-2024-118822"
* status = #finished
* class = $ActCode#IMP "inpatient encounter"
* type = ParcoursCodeSystemEncounterType#sejour-hospitalier
* subject = Reference(PatientSortieExample)
* participant.individual = Reference(PractitionerSortieHospitalistExample)
* period.start = "2024-04-02T10:00:00+02:00"
* period.end = "2024-04-07T11:00:00+02:00"
* hospitalization.dischargeDisposition = $DischargeDisp#home "Home"
* serviceProvider = Reference(OrganizationSortieHospitalExample)

Instance: TaskSortieGpFollowUpExample
InstanceOf: ParcoursTask
Title: "Consultation chez le médecin traitant sous 7 jours"
Usage: #example
* status = #requested
* intent = #order
* code = ParcoursCodeSystemTaskCode#suivi-post-sortie
* description = "Revoir M. Marchand sous 7 jours : tolérance de la sortie, vitamine B1, soutien au maintien de la réduction."
* for = Reference(PatientSortieExample)
* encounter = Reference(EncounterSortieStayExample)
* authoredOn = "2024-04-07T11:00:00+02:00"
* requester = Reference(PractitionerSortieHospitalistExample)
* owner = Reference(PractitionerSortieGpExample)
* restriction.period.start = "2024-04-07"
* restriction.period.end = "2024-04-14"

Instance: MedicationRequestSortieThiamineExample
InstanceOf: MedicationRequest
Title: "Ordonnance de sortie : thiamine"
Usage: #example
* status = #active
* intent = #order
* medicationCodeableConcept = $ATC#A11DA01 "thiamine (vit B1)"
* medicationCodeableConcept.text = "Thiamine 250 mg, 1 comprimé matin et soir pendant 1 mois"
* subject = Reference(PatientSortieExample)
* encounter = Reference(EncounterSortieStayExample)
* authoredOn = "2024-04-07"
* requester = Reference(PractitionerSortieHospitalistExample)

Instance: CompositionSortieExample
InstanceOf: ParcoursCompositionDischarge
Title: "Compte rendu de sortie de M. Marchand"
Usage: #example
* type = $LNC#18842-5 "Discharge summary"
* status = #final
* subject = Reference(PatientSortieExample)
* encounter = Reference(EncounterSortieStayExample)
* date = "2024-04-07T11:00:00+02:00"
* author = Reference(PractitionerSortieHospitalistExample)
* title = "Compte rendu de sortie – sevrage alcool"
* custodian = Reference(OrganizationSortieHospitalExample)
* section[stay].title = "Séjour"
* section[stay].text.status = #generated
* section[stay].text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">Sevrage alcool programmé de 5 jours, sans complication. Projet : maintien de la réduction, suivi CSAPA proposé.</div>"
* section[followUp].title = "Suites à donner"
* section[followUp].text.status = #generated
* section[followUp].text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">Consultation chez le médecin traitant sous 7 jours.</div>"
* section[followUp].entry = Reference(TaskSortieGpFollowUpExample)
* section[medications].title = "Traitements de sortie"
* section[medications].text.status = #generated
* section[medications].text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">Thiamine 250 mg matin et soir pendant 1 mois.</div>"
* section[medications].entry = Reference(MedicationRequestSortieThiamineExample)

Instance: BundleSortieExample
InstanceOf: ParcoursBundleDischarge
Title: "Lot de sortie de M. Marchand"
Usage: #example
* identifier.system = "https://chu-roubaix.exemple.fr/fhir/identifiers/sortie"
* identifier.value = "SORTIE-2024-118822"
* type = #document
* timestamp = "2024-04-07T11:05:00+02:00"
* entry[0].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Composition/CompositionSortieExample"
* entry[0].resource = CompositionSortieExample
* entry[1].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Patient/PatientSortieExample"
* entry[1].resource = PatientSortieExample
* entry[2].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Encounter/EncounterSortieStayExample"
* entry[2].resource = EncounterSortieStayExample
* entry[3].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Task/TaskSortieGpFollowUpExample"
* entry[3].resource = TaskSortieGpFollowUpExample
* entry[4].fullUrl = "https://chu-roubaix.exemple.fr/fhir/MedicationRequest/MedicationRequestSortieThiamineExample"
* entry[4].resource = MedicationRequestSortieThiamineExample
* entry[5].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Practitioner/PractitionerSortieHospitalistExample"
* entry[5].resource = PractitionerSortieHospitalistExample
* entry[6].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Practitioner/PractitionerSortieGpExample"
* entry[6].resource = PractitionerSortieGpExample
* entry[7].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Organization/OrganizationSortieHospitalExample"
* entry[7].resource = OrganizationSortieHospitalExample

Instance: CommunicationSortieExample
InstanceOf: ParcoursCommunication
Title: "Notification de sortie au médecin traitant"
Usage: #example
* status = #completed
* category = ParcoursCodeSystemCommunicationCategory#sortie-hospitaliere
* subject = Reference(PatientSortieExample)
* about = Reference(CompositionSortieExample)
* sent = "2024-04-07T11:06:00+02:00"
* recipient = Reference(PractitionerSortieGpExample)
* sender = Reference(OrganizationSortieHospitalExample)
* payload.contentString = "M. Marchand est sorti ce jour après un sevrage alcool. Merci de le revoir sous 7 jours."
