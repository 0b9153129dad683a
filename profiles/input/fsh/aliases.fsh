// Every alias of the Parcours FSH project (STYLE.md: all aliases here, with $).
Alias: $LNC = http://loinc.org
Alias: $SCT = http://snomed.info/sct
Alias: $UCUM = http://unitsofmeasure.org
Alias: $ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
