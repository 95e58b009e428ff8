#!/usr/bin/env pwsh
# Thin wrapper over the README's main command: each parameter maps one-to-one onto the CLI's `run` verb,
# nothing is opened, and the CLI's exit code is returned. All logic lives in the CLI.
param(
    [ValidateSet('quick', 'full')] [string] $Profile = 'quick',
    [string] $Encodings,
    [string] $Scenarios,
    [string] $Sizes,
    [string] $Out,
    [string] $Baseline
)

$cliArgs = @('run', '--profile', $Profile)
if ($Encodings) { $cliArgs += @('--encodings', $Encodings) }
if ($Scenarios) { $cliArgs += @('--scenarios', $Scenarios) }
if ($Sizes)     { $cliArgs += @('--sizes', $Sizes) }
if ($Out)       { $cliArgs += @('--out', $Out) }
if ($Baseline)  { $cliArgs += @('--baseline', $Baseline) }

dotnet run -c Release --project (Join-Path $PSScriptRoot 'bench') -- @cliArgs
exit $LASTEXITCODE
