#Requires -Version 7.2
<#
.SYNOPSIS
    Regenerates one service's entry of aws-model-constraints.json from an official AWS Smithy model (JSON AST).

.DESCRIPTION
    Reads a model file of aws/api-models-aws (models/<service>/service/<version>/<service>-<version>.json) and
    writes the facts the module and the emulator must agree with, for the operations CancelJobs calls: HTTP
    binding, every input member (location, required, length, pattern, enum, range; nested members of lists, maps,
    structures and unions flattened as a.b, a[], a{key}, a{value}) and the modelled errors with their HTTP status.
    Documentation text is never copied. Other services' entries in the output file are kept as they are.

.EXAMPLE
    git --git-dir=<mirror> show HEAD:models/iot/service/2015-05-28/iot-2015-05-28.json > iot.json
    ./models/Update-AwsModelConstraints.ps1 -ModelFile iot.json -Repository aws/api-models-aws `
        -Commit <commit that last changed the file> -Path models/iot/service/2015-05-28/iot-2015-05-28.json
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModelFile,
    # Provenance, written beside the facts: where the model file came from.
    [Parameter(Mandatory)] [string] $Repository,
    [Parameter(Mandatory)] [ValidatePattern('^[0-9a-f]{40}$')] [string] $Commit,
    [Parameter(Mandatory)] [string] $Path,
    # The repository the commit was published in, when -Repository is a copy of it (a fork carrying its commits).
    [string] $Upstream,
    [string] $OutFile = (Join-Path $PSScriptRoot 'aws-model-constraints.json')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The operations CancelJobs calls (or will call: IoT CancelJob/ListJobs/DescribeJob), by the model's signing name.
$operationsByService = [ordered]@{
    iottwinmaker = 'CancelMetadataTransferJob', 'GetMetadataTransferJob', 'ListMetadataTransferJobs'
    iot          = 'CancelJobExecution', 'DescribeJobExecution', 'ListJobExecutionsForJob', 'ListJobExecutionsForThing',
                   'CancelJob', 'ListJobs', 'DescribeJob'
    dms          = 'CancelMetadataModelConversion', 'DescribeMetadataModelConversions', 'StartMetadataModelConversion'
    datazone     = 'CancelMetadataGenerationRun', 'GetMetadataGenerationRun', 'ListMetadataGenerationRuns'
}
$protocolTraits = 'aws.protocols#restJson1', 'aws.protocols#awsJson1_1', 'aws.protocols#awsJson1_0'

$model = Get-Content -LiteralPath $ModelFile -Raw | ConvertFrom-Json -AsHashtable -Depth 200
$shapes = $model.shapes
$serviceId = @($shapes.Keys | Where-Object { $shapes[$_].type -eq 'service' })
if ($serviceId.Count -ne 1) { throw "$ModelFile has $($serviceId.Count) service shapes; expected one." }
$serviceShape = $shapes[$serviceId[0]]
# The SigV4 signing name: the key the emulator and the engine use too.
$namespace = $serviceShape.traits['aws.auth#sigv4']['name']
if (-not $operationsByService.Contains($namespace)) { throw "CancelJobs calls no operation of service '$namespace'." }
$protocol = @($protocolTraits | Where-Object { $serviceShape.traits.ContainsKey($_) } | ForEach-Object { $_.Split('#')[1] })[0]
$prefix = $serviceId[0].Split('#')[0] + '#'

function Get-Trait([hashtable] $traits, [string] $name) {
    if ($null -ne $traits -and $traits.ContainsKey("smithy.api#$name")) { return , $traits["smithy.api#$name"] }
    return $null
}

# The constraints of one target shape (and the member's own traits, which Smithy lets override them).
function Get-Constraints([string] $target, [hashtable] $memberTraits) {
    $shape = $shapes[$target]
    $facts = [ordered]@{ shape = $target.Split('#')[1]; type = if ($shape) { $shape.type } else { $target.Split('#')[1].ToLowerInvariant() } }
    $traits = @{}
    if ($shape -and $shape.ContainsKey('traits')) { $shape.traits.GetEnumerator() | ForEach-Object { $traits[$_.Key] = $_.Value } }
    if ($memberTraits) { $memberTraits.GetEnumerator() | ForEach-Object { $traits[$_.Key] = $_.Value } }
    if ($length = Get-Trait $traits 'length') {
        $facts.length = [ordered]@{}
        if ($length.ContainsKey('min')) { $facts.length.min = $length.min }
        if ($length.ContainsKey('max')) { $facts.length.max = $length.max }
    }
    if ($null -ne ($pattern = Get-Trait $traits 'pattern')) { $facts.pattern = $pattern }
    if ($range = Get-Trait $traits 'range') {
        $facts.range = [ordered]@{}
        if ($range.ContainsKey('min')) { $facts.range.min = $range.min }
        if ($range.ContainsKey('max')) { $facts.range.max = $range.max }
    }
    if ($shape -and $shape.type -in 'enum', 'intEnum') {
        $facts.enum = @($shape.members.GetEnumerator() | ForEach-Object {
            $value = Get-Trait $_.Value['traits'] 'enumValue'
            if ($null -eq $value) { $_.Key } else { $value }
        })
    }
    elseif ($enum = Get-Trait $traits 'enum') {
        $facts.enum = @($enum | ForEach-Object { $_.value })
    }
    if ($null -ne ($default = Get-Trait $traits 'default')) { $facts.default = $default }
    return $facts
}

# One row per member, nested members flattened under their parent's name.
function Get-Members([string] $structure, [string] $path, [int] $depth) {
    $shape = $shapes[$structure]
    foreach ($entry in $shape.members.GetEnumerator()) {
        $name = if ($path) { "$path.$($entry.Key)" } else { $entry.Key }
        Get-Member $name $entry.Value.target $entry.Value['traits'] $depth
    }
}

function Get-Member([string] $name, [string] $target, [hashtable] $memberTraits, [int] $depth) {
    $row = [ordered]@{ member = $name }
    if ($depth -eq 0) {
        $row.location = if (Get-Trait $memberTraits 'httpLabel') { 'label' }
            elseif ($null -ne ($query = Get-Trait $memberTraits 'httpQuery')) { "query:$query" }
            elseif ($null -ne ($header = Get-Trait $memberTraits 'httpHeader')) { "header:$header" }
            else { 'body' }
    }
    $row.required = $null -ne (Get-Trait $memberTraits 'required')
    foreach ($fact in (Get-Constraints $target $memberTraits).GetEnumerator()) { $row[$fact.Key] = $fact.Value }
    $row
    $shape = $shapes[$target]
    if (-not $shape -or $depth -ge 3) { return }
    switch ($shape.type) {
        { $_ -in 'structure', 'union' } { Get-Members $target $name ($depth + 1) }
        'list' { Get-Member "$name[]" $shape.member.target $shape.member['traits'] ($depth + 1) }
        'map' {
            Get-Member "$name{key}" $shape.key.target $shape.key['traits'] ($depth + 1)
            Get-Member "$name{value}" $shape.value.target $shape.value['traits'] ($depth + 1)
        }
    }
}

$operations = [ordered]@{}
foreach ($name in $operationsByService[$namespace]) {
    $operation = $shapes[$prefix + $name]
    if (-not $operation) { throw "$ModelFile has no operation $name (is the model older than the operation?)." }
    $facts = [ordered]@{}
    if ($http = Get-Trait $operation['traits'] 'http') {
        $facts.http = [ordered]@{ method = $http.method; uri = $http.uri; code = $http['code'] ?? 200 }
    }
    $facts.input = @(if ($operation.ContainsKey('input')) { Get-Members $operation.input.target '' 0 })
    # Errors the operation models, then the service-wide ones; a client error with no httpError travels as 400.
    $errorTargets = @($operation['errors'] ?? @()) + @($serviceShape['errors'] ?? @()) | ForEach-Object { $_.target }
    $facts.errors = @($errorTargets | Select-Object -Unique | ForEach-Object {
        $traits = $shapes[$_]['traits']
        $fault = Get-Trait $traits 'error'
        $status = Get-Trait $traits 'httpError'
        [ordered]@{
            code   = $_.Split('#')[1]
            status = if ($null -ne $status) { $status } elseif ($fault -eq 'server') { 500 } else { 400 }
            fault  = $fault
        }
    })
    $operations[$name] = $facts
}

$document = if (Test-Path -LiteralPath $OutFile) { Get-Content -LiteralPath $OutFile -Raw | ConvertFrom-Json -AsHashtable -Depth 50 } else { $null }
$services = [ordered]@{}
foreach ($key in $operationsByService.Keys) {
    if ($document -and $document.services.ContainsKey($key)) { $services[$key] = $document.services[$key] }
}
$services[$namespace] = [ordered]@{
    source     = [ordered]@{
        repository = $Repository
        upstream   = if ($Upstream) { $Upstream } else { $Repository }
        commit     = $Commit
        path       = $Path
        sha256     = (Get-FileHash -LiteralPath $ModelFile -Algorithm SHA256).Hash.ToLowerInvariant()
    }
    serviceId  = $serviceId[0]
    protocol   = $protocol
    operations = $operations
}
$ordered = [ordered]@{
    about    = 'Facts from the official AWS Smithy models for the operations CancelJobs calls. Regenerate with models/Update-AwsModelConstraints.ps1; do not edit by hand. Lengths count Unicode code points (Smithy @length on strings).'
    services = [ordered]@{}
}
foreach ($key in $operationsByService.Keys) { if ($services.Contains($key)) { $ordered.services[$key] = $services[$key] } }
$json = $ordered | ConvertTo-Json -Depth 50
[System.IO.File]::WriteAllText($OutFile, $json.Replace("`r`n", "`n") + "`n")
Write-Verbose "Wrote $namespace ($($operations.Count) operations) to $OutFile"
