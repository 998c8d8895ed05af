:outer foreach ($db in $databases) {
    :inner foreach ($copy in $db.Copies) {
        if ($copy.Status -eq 'Failed') { continue outer }
        if ($copy.Status -eq 'Suspended') { break inner }
    }
    break
}
