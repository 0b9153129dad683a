Profile: ParcoursMedicationStatementOpioidSubstitution
Parent: MedicationStatement
Id: parcours-medicationstatement-opioid-substitution
Title: "Traitement de substitution aux opiacés / Opioid substitution treatment"
Description: "TSO en cours ou passé (buprénorphine, méthadone), avec la posologie et la période. — Current or past opioid substitution treatment, with dosage and period."
* insert ParcoursMetadata
* insert SubstanceUseLabel
* status MS
* medication[x] MS
* medication[x] only CodeableConcept
* medicationCodeableConcept from ParcoursValueSetOpioidSubstitutionMedication (extensible)
* subject MS
* subject only Reference(ParcoursPatient)
* effective[x] 1..1 MS
* dateAsserted MS
* informationSource MS
* dosage MS
* dosage.text MS
* dosage.doseAndRate.doseQuantity MS
