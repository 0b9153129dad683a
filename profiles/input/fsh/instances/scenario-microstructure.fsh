// Scenario (seed: microstructures-marseille): Karim, on buprenorphine, treated for hepatitis C by the microstructure
// (GP, psychologist, social worker, pharmacist) inside his GP's office; a monthly synthesis meeting changes his plan.

Instance: PatientMicrostructureExample
InstanceOf: ParcoursPatient
Title: "Karim Haddad (microstructure)"
Usage: #example
* identifier[INS].system = "urn:oid:1.2.250.1.213.1.4.8"
* identifier[INS].value = "185071305512378"
* identifier[INS].use = #official
* name[0].use = #official
* name[0].family = "Haddad"
* name[0].given = "Karim"
* gender = #male
* birthDate = "1985-07-22"
* extension[birthPlace].valueAddress.city = "Marseille"
* extension[birthPlace].valueAddress.postalCode = "13055"
* extension[birthPlace].valueAddress.country = "FRA"
* address[0].city = "Marseille"
* address[0].postalCode = "13003"
* generalPractitioner = Reference(PractitionerRoleMicrostructureGpExample)

Instance: OrganizationMicrostructureOfficeExample
InstanceOf: ParcoursOrganization
Title: "Cabinet médical de la Belle de Mai (microstructure)"
Usage: #example
* name = "Cabinet médical de la Belle de Mai"
* address.city = "Marseille"
* address.postalCode = "13003"

Instance: OrganizationMicrostructureCsapaExample
InstanceOf: ParcoursOrganization
Title: "CSAPA du Vieux-Port"
Usage: #example
* identifier[FINESS].system = "urn:oid:1.2.250.1.71.4.2.2"
* identifier[FINESS].value = "130012345"
* name = "CSAPA du Vieux-Port"
* type = ParcoursCodeSystemCareTeamRole#csapa
* address.city = "Marseille"
* address.postalCode = "13002"

Instance: PractitionerMicrostructureGpExample
InstanceOf: ParcoursPractitioner
Title: "Dr Claire Rossi, médecin généraliste"
Usage: #example
* identifier[RPPS].system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier[RPPS].value = "10003456789"
* name.family = "Rossi"
* name.given = "Claire"
* name.prefix = "Dr"

Instance: PractitionerRoleMicrostructureGpExample
InstanceOf: ParcoursPractitionerRole
Title: "Dr Rossi, médecin traitant au cabinet de la Belle de Mai"
Usage: #example
* active = true
* practitioner = Reference(PractitionerMicrostructureGpExample)
* organization = Reference(OrganizationMicrostructureOfficeExample)
* code = ParcoursCodeSystemCareTeamRole#medecin-traitant

Instance: PractitionerMicrostructurePsychologistExample
InstanceOf: ParcoursPractitioner
Title: "Thomas Garcia, psychologue"
Usage: #example
* identifier[RPPS].system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier[RPPS].value = "10009876543"
* name.family = "Garcia"
* name.given = "Thomas"

Instance: PractitionerMicrostructureSocialWorkerExample
InstanceOf: ParcoursPractitioner
Title: "Leïla Mansouri, assistante de service social (pas de RPPS)"
Usage: #example
* name.family = "Mansouri"
* name.given = "Leïla"

Instance: PractitionerMicrostructurePharmacistExample
InstanceOf: ParcoursPractitioner
Title: "Antoine Blanc, pharmacien"
Usage: #example
* identifier[RPPS].system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier[RPPS].value = "10005554443"
* name.family = "Blanc"
* name.given = "Antoine"

Instance: CareTeamMicrostructureExample
InstanceOf: ParcoursCareTeam
Title: "La microstructure autour de Karim"
Usage: #example
* status = #active
* name = "Microstructure Belle de Mai – Karim Haddad"
* subject = Reference(PatientMicrostructureExample)
* managingOrganization = Reference(OrganizationMicrostructureOfficeExample)
* insert Member(0, PatientMicrostructureExample, personne, 2023-05-02)
* insert Member(1, PractitionerRoleMicrostructureGpExample, medecin-traitant, 2023-05-02)
* participant[1].role[+] = ParcoursCodeSystemCareTeamRole#coordinateur
* insert Member(2, PractitionerMicrostructurePsychologistExample, psychologue, 2023-05-02)
* insert Member(3, PractitionerMicrostructureSocialWorkerExample, travailleur-social, 2023-06-13)
* insert Member(4, PractitionerMicrostructurePharmacistExample, pharmacien, 2023-05-02)

Instance: ConditionMicrostructureHepatitisCExample
InstanceOf: Condition
Title: "Hépatite C chronique de Karim"
Usage: #example
* clinicalStatus = http://terminology.hl7.org/CodeSystem/condition-clinical#active
* code.text = "Hépatite C chronique (ARN VHC positif)"
* subject = Reference(PatientMicrostructureExample)
* recordedDate = "2023-06-20"

Instance: GoalMicrostructureHepatitisCExample
InstanceOf: ParcoursGoal
Title: "Karim : traiter son hépatite C"
Usage: #example
* lifecycleStatus = #active
* achievementStatus = http://terminology.hl7.org/CodeSystem/goal-achievement#in-progress
* category = ParcoursCodeSystemGoalCategory#sante
* description = ParcoursCodeSystemGoal#traiter-vhc
* description.text = "Aller au bout du traitement de l'hépatite C"
* subject = Reference(PatientMicrostructureExample)
* expressedBy = Reference(PatientMicrostructureExample)
* addresses = Reference(ConditionMicrostructureHepatitisCExample)

Instance: GoalMicrostructureStabiliseExample
InstanceOf: ParcoursGoal
Title: "Karim : se stabiliser avec son traitement"
Usage: #example
* lifecycleStatus = #active
* achievementStatus = http://terminology.hl7.org/CodeSystem/goal-achievement#improving
* category = ParcoursCodeSystemGoalCategory#consommation
* description = ParcoursCodeSystemGoal#stabiliser
* description.text = "Ne plus prendre de cocaïne en soirée, garder la buprénorphine"
* subject = Reference(PatientMicrostructureExample)
* expressedBy = Reference(PatientMicrostructureExample)

Instance: CarePlanMicrostructureExample
InstanceOf: ParcoursCarePlan
Title: "Plan partagé de Karim"
Usage: #example
* extension[followUpIntensity].valueCoding = ParcoursCodeSystemFollowUpIntensity#intensif "Accompagnement renforcé"
* status = #active
* intent = #plan
* category[parcours] = ParcoursCodeSystemCarePlanCategory#plan-partage
* title = "Plan partagé de Karim Haddad"
* subject = Reference(PatientMicrostructureExample)
* period.start = "2023-05-02"
* careTeam = Reference(CareTeamMicrostructureExample)
* addresses = Reference(ConditionMicrostructureHepatitisCExample)
* goal[0] = Reference(GoalMicrostructureHepatitisCExample)
* goal[1] = Reference(GoalMicrostructureStabiliseExample)
* activity[0].detail.code = ParcoursCodeSystemActivity#suivi-tso
* activity[0].detail.status = #in-progress
* activity[0].detail.performer[0] = Reference(PractitionerRoleMicrostructureGpExample)
* activity[0].detail.performer[1] = Reference(PractitionerMicrostructurePharmacistExample)
* activity[1].detail.code = ParcoursCodeSystemActivity#traitement-vhc
* activity[1].detail.status = #in-progress
* activity[1].detail.performer = Reference(PractitionerRoleMicrostructureGpExample)
* activity[1].detail.goal = Reference(GoalMicrostructureHepatitisCExample)
* activity[1].detail.scheduledPeriod.start = "2024-01-08"
* activity[1].detail.scheduledPeriod.end = "2024-04-01"
* activity[2].detail.code = ParcoursCodeSystemActivity#consultation-psychologue
* activity[2].detail.status = #in-progress
* activity[2].detail.performer = Reference(PractitionerMicrostructurePsychologistExample)
* activity[3].detail.code = ParcoursCodeSystemActivity#reunion-synthese
* activity[3].detail.status = #in-progress
* activity[3].detail.scheduledTiming.repeat.frequency = 1
* activity[3].detail.scheduledTiming.repeat.period = 1
* activity[3].detail.scheduledTiming.repeat.periodUnit = #mo

Instance: MedicationStatementMicrostructureBuprenorphineExample
InstanceOf: ParcoursMedicationStatementOpioidSubstitution
Title: "Karim : buprénorphine 8 mg par jour"
Usage: #example
* insert SudLabelOnInstance
* status = #active
* medicationCodeableConcept = $ATC#N07BC01 "buprenorphine"
* medicationCodeableConcept.text = "Buprénorphine 8 mg, comprimé sublingual"
* subject = Reference(PatientMicrostructureExample)
* effectivePeriod.start = "2022-11-14"
* dateAsserted = "2024-01-08"
* informationSource = Reference(PractitionerMicrostructurePharmacistExample)
* dosage.text = "8 mg une fois par jour, délivrance hebdomadaire en pharmacie"
* dosage.doseAndRate.doseQuantity = 8 'mg' "mg"

Instance: ObservationMicrostructureTobaccoExample
InstanceOf: ParcoursObservationTobaccoUse
Title: "Karim : fume tous les jours"
Usage: #example
* code = $LNC#72166-2 "Tobacco smoking status"
* insert SudLabelOnInstance
* status = #final
* category[socialHistory] = $ObsCat#social-history
* subject = Reference(PatientMicrostructureExample)
* effectiveDateTime = "2024-01-08"
* valueCodeableConcept = $SCT#449868002 "Smokes tobacco daily"

Instance: ObservationMicrostructureCocaineExample
InstanceOf: ParcoursObservationSubstanceUse
Title: "Karim : cocaïne occasionnelle, sniffée, en soirée"
Usage: #example
* code = $LNC#11343-1 "History of Other nonmedical drug use"
* insert SudLabelOnInstance
* status = #final
* category[socialHistory] = $ObsCat#social-history
* subject = Reference(PatientMicrostructureExample)
* effectiveDateTime = "2024-01-08"
* valueCodeableConcept = ParcoursCodeSystemSubstance#cocaine
* component[frequency].valueCodeableConcept = ParcoursCodeSystemUseFrequency#occasionnel
* component[route].valueCodeableConcept = ParcoursCodeSystemUseRoute#sniff
* component[context].valueCodeableConcept = ParcoursCodeSystemUseContext#festif

Instance: EncounterMicrostructureSynthesisExample
InstanceOf: ParcoursEncounter
Title: "Réunion de synthèse de janvier 2024"
Usage: #example
* status = #finished
* class = $ActCode#AMB "ambulatory"
* type = ParcoursCodeSystemEncounterType#reunion-synthese
* participant[0].individual = Reference(PractitionerRoleMicrostructureGpExample)
* participant[1].individual = Reference(PractitionerMicrostructurePsychologistExample)
* participant[2].individual = Reference(PractitionerMicrostructureSocialWorkerExample)
* period.start = "2024-01-08T12:30:00+01:00"
* period.end = "2024-01-08T14:00:00+01:00"
* serviceProvider = Reference(OrganizationMicrostructureOfficeExample)
* extension[synthesisReview][0].extension[patient].valueReference = Reference(PatientMicrostructureExample)
* extension[synthesisReview][0].extension[decision].valueString = "Démarrer le traitement VHC ; ajouter un entretien psychologue tous les quinze jours."
* extension[synthesisReview][0].extension[carePlan].valueReference = Reference(CarePlanMicrostructureExample)

Instance: ProvenanceMicrostructurePlanChangeExample
InstanceOf: ParcoursProvenance
Title: "Modification du plan de Karim décidée en réunion de synthèse"
Usage: #example
* target = Reference(CarePlanMicrostructureExample)
* recorded = "2024-01-08T14:10:00+01:00"
* activity = $DataOp#UPDATE "revise"
* agent.type = $ProvAgentType#author "Author"
* agent.who = Reference(PractitionerRoleMicrostructureGpExample)
* entity.role = #source
* entity.what = Reference(EncounterMicrostructureSynthesisExample)
* reason.text = "Décision de la réunion de synthèse du 8 janvier 2024"
