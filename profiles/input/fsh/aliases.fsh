// Every alias of the Parcours FSH project (STYLE.md: all aliases here, with $).
Alias: $LNC = http://loinc.org
Alias: $SCT = http://snomed.info/sct
Alias: $UCUM = http://unitsofmeasure.org
Alias: $ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $ObsCat = http://terminology.hl7.org/CodeSystem/observation-category
Alias: $ATC = http://www.whocc.no/atc
Alias: $DataOp = http://terminology.hl7.org/CodeSystem/v3-DataOperation
Alias: $ProvAgentType = http://terminology.hl7.org/CodeSystem/provenance-participant-type
Alias: $DischargeDisp = http://terminology.hl7.org/CodeSystem/discharge-disposition
Alias: $V3RoleCode = http://terminology.hl7.org/CodeSystem/v3-RoleCode
Alias: $INS = urn:oid:1.2.250.1.213.1.4.8
Alias: $RPPS = urn:oid:1.2.250.1.71.4.2.1
Alias: $FINESS = urn:oid:1.2.250.1.71.4.2.2
Alias: $ParcoursId = https://fhir.parcours.fr/identifier
Alias: $BirthPlace = http://hl7.org/fhir/StructureDefinition/patient-birthPlace
Alias: $MeasurePop = http://terminology.hl7.org/CodeSystem/measure-population
Alias: $MeasureScoring = http://terminology.hl7.org/CodeSystem/measure-scoring
