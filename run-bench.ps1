#!/usr/bin/env pwsh
# Thin wrapper over README command 1: each parameter maps one-to-one onto an option of the CLI's `run` verb,
# nothing is opened, and the CLI's exit code is returned. All checking and logic live in the CLI.
#   pwsh ./run-bench.ps1 -Profile full -Encodings rlist,phyr16 -Sizes 1M,1G -Out artifacts/mine
param(
    # -Profile: quick (default), full or dry. The variable has its own name so it does not hide $PROFILE.
    [Alias('Profile')] [string] $BatchProfile,
    # Lists: -Encodings rlist,phyr16 arrives as an array, so these are joined with commas for the CLI.
    [string[]] $Encodings,
    [string[]] $Scenarios,
    [string[]] $Sizes,
    [string[]] $Operations,
    # Numbers stay strings: the CLI checks them and says what is wrong.
    [string] $Rounds,
    [string] $Seed,
    [string] $OrderSeed,
    [string] $Out,
    [string] $Baseline,
    [string] $Resume
)

$cliArgs = @('run')
if ($BatchProfile) { $cliArgs += @('--profile', $BatchProfile) }
if ($Encodings)    { $cliArgs += @('--encodings', ($Encodings -join ',')) }
if ($Scenarios)    { $cliArgs += @('--scenarios', ($Scenarios -join ',')) }
if ($Sizes)        { $cliArgs += @('--sizes', ($Sizes -join ',')) }
if ($Operations)   { $cliArgs += @('--operations', ($Operations -join ',')) }
if ($Rounds)       { $cliArgs += @('--rounds', $Rounds) }
if ($Seed)         { $cliArgs += @('--seed', $Seed) }
if ($OrderSeed)    { $cliArgs += @('--order-seed', $OrderSeed) }
if ($Out)          { $cliArgs += @('--out', $Out) }
if ($Baseline)     { $cliArgs += @('--baseline', $Baseline) }
if ($Resume)       { $cliArgs += @('--resume', $Resume) }

dotnet run -c Release --project (Join-Path $PSScriptRoot 'bench') -- @cliArgs
exit $LASTEXITCODE
