#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Sign-in as a user's session meets it: one case per credential source (shared files, assumed role, web identity, IAM
# Identity Center, credential_process, container), end to end against the emulator's STS, SSO portal and container
# endpoint, plus a module copy missing a sign-in assembly and a scan for secrets in every stream and transcript. Each
# case runs in a fresh pwsh with its own HOME, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, because AWSSDK.Core fixes
# the config file paths the first time a process reads them. The error cases of each source (expired logins, refused
# roles, MFA, bad endpoints) are tests/CancelJobs.Tests/SignInTests.cs and ConnectionSourceTests.cs.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Start-TestEmulator
    $url = Get-EmulatorUrl
    $manifest = Join-Path (Get-RepoRoot) 'out/CancelJobs/CancelJobs.psd1'
    # This same PowerShell: its own executable, or the dotnet host running pwsh.dll (a .NET tool install).
    $pwsh = (Get-Process -Id $PID).Path
    $pwshArguments = @()
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments = @(Join-Path $PSHOME 'pwsh.dll') }
    $secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
    $account = '111122223333'
    $roles = @{
        Ops    = "arn:aws:iam::${account}:role/Ops"
        Web    = "arn:aws:iam::${account}:role/Web"
        Task   = "arn:aws:iam::${account}:role/Task"
    }
    $webToken = 'eyJhbGciOiJSUzI1NiJ9.pester-web-identity.sig'
    $ssoToken = 'sso-access-token-for-pester'
    $containerToken = 'container-authorization-token-pester'
    $baseCredentials = "[base]`naws_access_key_id = AKIDEXAMPLE`naws_secret_access_key = $secret`n"
    $cancelTwo = "'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -Confirm:`$false"

    function New-Profile([string] $Name, [string] $Body = '') {
        $header = if ($Name -eq 'default') { '[default]' } else { "[profile $Name]" }
        "$header`nregion = us-east-1`nendpoint_url = $url`n$Body`n"
    }

    function New-AwsHome([string] $Config = '', [string] $Credentials = '') {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('canceljobs-pester-home-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path (Join-Path $folder '.aws/sso/cache') -Force
        Set-Content -LiteralPath (Join-Path $folder '.aws/config') -Value $Config -NoNewline
        Set-Content -LiteralPath (Join-Path $folder '.aws/credentials') -Value $Credentials -NoNewline
        $folder
    }

    function Add-SsoCache([string] $AwsHome, [string] $Key, [datetime] $ExpiresAt, [string] $StartUrl, [string] $AccessToken = $ssoToken) {
        $hash = [Convert]::ToHexString([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($Key))).ToLowerInvariant()
        @{ accessToken = $AccessToken; expiresAt = $ExpiresAt.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'); region = 'us-east-1'; startUrl = $StartUrl } |
            ConvertTo-Json | Set-Content -LiteralPath (Join-Path $AwsHome ".aws/sso/cache/$hash.json")
    }

    function New-CountingScript([string] $AwsHome, [string] $Body) {
        $path = Join-Path $AwsHome 'creds.sh'
        Set-Content -LiteralPath $path -Value "#!/bin/sh`necho started >> '$AwsHome/starts'`n$Body`n"
        if (-not $IsWindows) { & chmod +x $path }
        $path
    }

    function Get-StartCount([string] $AwsHome) {
        $file = Join-Path $AwsHome 'starts'
        if (Test-Path $file) { @(Get-Content $file).Count } else { 0 }
    }

    <#
        Runs $Script in a new pwsh -NonInteractive with the module imported, HOME and the AWS files from $AwsHome, and
        $Environment on top (all other AWS_* variables cleared). Returns what happened as an object: Output (result
        statuses), ErrorIds (non-terminating), Terminating and Message (a terminating error), and Text when the script
        emits strings to scan.
    #>
    function Invoke-SignIn([string] $AwsHome, [string] $Script, [hashtable] $Environment = @{}, [string] $Module = $manifest) {
        $child = Join-Path $AwsHome 'run.ps1'
        Set-Content -LiteralPath $child -Value @"
Import-Module '$Module' -ErrorAction Stop
`$items = [System.Collections.Generic.List[object]]::new()
`$caught = `$null
try { & { $Script } 2>&1 | ForEach-Object { `$items.Add(`$_) } } catch { `$caught = `$_ }
[pscustomobject]@{
    Output = @(`$items | Where-Object { `$_ -isnot [System.Management.Automation.ErrorRecord] -and `$_ -isnot [string] } | ForEach-Object { `$_.Status })
    Text = @(`$items | Where-Object { `$_ -is [string] })
    ErrorIds = @(`$items | Where-Object { `$_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { `$_.FullyQualifiedErrorId.Split(',')[0] })
    Terminating = if (`$caught) { `$caught.FullyQualifiedErrorId.Split(',')[0] } else { `$null }
    Message = if (`$caught) { `$caught.Exception.Message } else { `$null }
} | ConvertTo-Json -Depth 4 -Compress
"@
        $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
        foreach ($argument in @($pwshArguments) + @('-NoProfile', '-NonInteractive', '-File', $child)) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        foreach ($name in @($start.Environment.Keys)) { if ($name -like 'AWS_*') { $null = $start.Environment.Remove($name) } }
        $start.Environment['HOME'] = $AwsHome
        $start.Environment['AWS_CONFIG_FILE'] = Join-Path $AwsHome '.aws/config'
        $start.Environment['AWS_SHARED_CREDENTIALS_FILE'] = Join-Path $AwsHome '.aws/credentials'
        $start.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
        # Core's own STS and SSO clients read these (or the default profile's endpoint_url), not the used profile's.
        $start.Environment['AWS_ENDPOINT_URL_STS'] = $url
        $start.Environment['AWS_ENDPOINT_URL_SSO'] = $url
        foreach ($pair in $Environment.GetEnumerator()) { $start.Environment[$pair.Key] = $pair.Value }
        $process = [Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        $json = ($stdout -split "`n" | Where-Object { $_.TrimStart().StartsWith('{') } | Select-Object -Last 1)
        if (-not $json) { throw "The child pwsh printed no result. stdout: $stdout stderr: $($stderr.Result)" }
        $json | ConvertFrom-Json
    }

    function Get-ServiceRequests { @(Get-EmulatorRequests | Where-Object { $_.service -eq 'iot' }) }

    function Assert-CancelledAs([object] $Result, [string] $PrincipalPrefix) {
        $Result.Terminating | Should -BeNullOrEmpty -Because $Result.Message
        $Result.ErrorIds | Should -BeNullOrEmpty
        @($Result.Output) | Should -Be @('CANCELED', 'CANCELED')
        $requests = Get-ServiceRequests
        $requests.Count | Should -Be 2
        foreach ($request in $requests) {
            $request.signature | Should -Be 'Valid'
            $request.principal | Should -BeLike "$PrincipalPrefix*"
        }
    }

    function Assert-OneTerminating([object] $Result, [string] $ErrorId, [string[]] $InMessage) {
        $Result.Terminating | Should -Be $ErrorId -Because $Result.Message
        $Result.ErrorIds | Should -BeNullOrEmpty
        foreach ($text in $InMessage) { $Result.Message | Should -BeLike "*$text*" }
        $Result.Message | Should -Not -BeLike '*Amazon.*'
        $Result.Message | Should -Not -BeLike '*System.*'
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Signing in' {
    BeforeEach {
        Reset-Emulator
        Set-EmulatorSetting @{ issuedCredentialSeconds = 3600 }
        Add-EmulatorSeed @{ iot = @(
                @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }
                @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'QUEUED' }) }
        $signIn = @{
            roles           = @(
                @{ arn = $roles.Ops; trustedPrincipals = @('AKIDEXAMPLE') }
                @{ arn = $roles.Web; webIdentityTokens = @($webToken) })
            ssoTokens       = @(@{ accessToken = $ssoToken; accountId = $account; roleName = 'Ops' })
            containerTokens = @(@{ authorizationToken = $containerToken; roleArn = $roles.Task })
        }
        $null = Invoke-EmulatorControl -Method POST -Resource 'signin' -Body ($signIn | ConvertTo-Json -Depth 5 -Compress)
    }

    AfterEach {
        if ($awsHome -and (Test-Path $awsHome)) { Remove-Item -LiteralPath $awsHome -Recurse -Force }
    }

    It 'a static profile signs as its user' {
        $awsHome = New-AwsHome (New-Profile base) $baseCredentials
        Assert-CancelledAs (Invoke-SignIn $awsHome "$cancelTwo -ProfileName base") "arn:aws:iam::${account}:user/AKIDEXAMPLE"
    }

    It 'assumes a role from source_profile once per invocation' {
        $awsHome = New-AwsHome ((New-Profile base) + (New-Profile ops "role_arn = $($roles.Ops)`nsource_profile = base")) $baseCredentials
        Assert-CancelledAs (Invoke-SignIn $awsHome "$cancelTwo -ProfileName ops") "arn:aws:sts::${account}:assumed-role/Ops/"
        @(Get-EmulatorRequests -Operation AssumeRole).Count | Should -Be 1
    }

    It 'uses web identity from AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN' {
        $awsHome = New-AwsHome
        Set-Content -LiteralPath (Join-Path $awsHome 'token') -Value $webToken -NoNewline
        $result = Invoke-SignIn $awsHome "$cancelTwo -EndpointUrl $url -Region us-east-1" @{ AWS_WEB_IDENTITY_TOKEN_FILE = (Join-Path $awsHome 'token'); AWS_ROLE_ARN = $roles.Web }
        Assert-CancelledAs $result "arn:aws:sts::${account}:assumed-role/Web/"
        @(Get-EmulatorRequests -Operation AssumeRoleWithWebIdentity).Count | Should -Be 1
    }

    It 'uses an IAM Identity Center sso_session profile with a cached token' {
        $config = (New-Profile sso "sso_session = corp`nsso_account_id = $account`nsso_role_name = Ops") + "[sso-session corp]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = us-east-1`n"
        $awsHome = New-AwsHome $config
        Add-SsoCache $awsHome 'corp' (Get-Date).AddHours(1) 'https://corp.awsapps.com/start'
        Assert-CancelledAs (Invoke-SignIn $awsHome "$cancelTwo -ProfileName sso") "arn:aws:sts::${account}:assumed-role/AWSReservedSSO_Ops/"
        @(Get-EmulatorRequests -Operation GetRoleCredentials).Count | Should -Be 1
    }

    It 'starts credential_process once per invocation' -Skip:$IsWindows {
        $awsHome = New-AwsHome
        $script = New-CountingScript $awsHome "echo '{`"Version`":1,`"AccessKeyId`":`"AKIDEXAMPLE`",`"SecretAccessKey`":`"$secret`"}'"
        Set-Content -LiteralPath (Join-Path $awsHome '.aws/config') -Value (New-Profile proc "credential_process = $script")
        Assert-CancelledAs (Invoke-SignIn $awsHome "$cancelTwo -ProfileName proc") "arn:aws:iam::${account}:user/AKIDEXAMPLE"
        Get-StartCount $awsHome | Should -Be 1
    }

    It 'uses container credentials from AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN' {
        $awsHome = New-AwsHome
        $result = Invoke-SignIn $awsHome "$cancelTwo -EndpointUrl $url -Region us-east-1" @{
            AWS_CONTAINER_CREDENTIALS_FULL_URI = "$url/container/credentials"; AWS_CONTAINER_AUTHORIZATION_TOKEN = $containerToken }
        Assert-CancelledAs $result "arn:aws:sts::${account}:assumed-role/Task/"
    }

    It 'a sign-in assembly missing from the module is one terminating error, not one per item' {
        $awsHome = New-AwsHome ((New-Profile base) + (New-Profile ops "role_arn = $($roles.Ops)`nsource_profile = base")) $baseCredentials
        $copy = Join-Path $awsHome 'CancelJobs'
        Copy-Item -Path (Split-Path $manifest) -Destination $copy -Recurse
        Get-ChildItem -Path $copy -Recurse -Filter 'AWSSDK.SecurityToken.dll' | Remove-Item
        $result = Invoke-SignIn $awsHome "$cancelTwo -ProfileName ops" -Module (Join-Path $copy 'CancelJobs.psd1')
        Assert-OneTerminating $result 'CredentialSourceUnavailable' @("'ops'", 'AWSSDK.SecurityToken', 'Reinstall')
        @(Get-EmulatorRequests).Count | Should -Be 0
    }

}

Describe 'Secrets' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed @{ iot = @(@{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }; @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'QUEUED' }) }
        $null = Invoke-EmulatorControl -Method POST -Resource 'signin' -Body (@{ roles = @(@{ arn = $roles.Ops; trustedPrincipals = @('AKIDEXAMPLE') }) } | ConvertTo-Json -Depth 5 -Compress)
    }

    AfterEach {
        if ($awsHome -and (Test-Path $awsHome)) { Remove-Item -LiteralPath $awsHome -Recurse -Force }
    }

    It 'no secret reaches any stream, $Error, a transcript, ConvertTo-Json or Export-Clixml' {
        $token = 'IQoJb3JpZ2luX2VjPESTERSESSIONTOKEN0123456789'
        $wrongSecret = 'wrongSecretKeyPester0123456789abcdefghijk'
        $password = 'hunter2-pester-url-password'
        $awsHome = New-AwsHome ((New-Profile base) + (New-Profile ops "role_arn = $($roles.Ops)`nsource_profile = base")) $baseCredentials
        $withPassword = $url.Replace('http://', "http://bob:$password@")
        # Secrets come from the environment, as in a real script: the command line itself is recorded by PowerShell.
        $scan = @'
$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
$folder = $env:HOME
$null = Start-Transcript -Path "$folder/transcript.txt"
$all = @(
    & { try { Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl $env:SCAN_URL -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey $env:SCAN_WRONG -SessionToken $env:SCAN_TOKEN -Confirm:$false } catch { $_ } } *>&1
    & { try { Get-IoTJobExecution -JobId fw-7 -EndpointUrl $env:SCAN_PASSWORD_URL -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey $env:SCAN_SECRET -Verbose } catch { $_ } } *>&1
    & { try { 'sensor-1', 'sensor-2' | Stop-IoTJobExecution -JobId fw-7 -ProfileName ops -Confirm:$false -Verbose } catch { $_ } } *>&1
    & { try { Stop-IoTJobExecution fw-7 sensor-2 -ProfileName ops -EndpointUrl "ftp://bob:$($env:SCAN_PASSWORD)@x/" } catch { $_ } } *>&1
)
$all | Out-Host
$Error | Out-Host
$null = Stop-Transcript
$all | Export-Clixml "$folder/results.xml" -Depth 6
$Error | Export-Clixml "$folder/errors.xml" -Depth 6
($all | Out-String -Width 500)
($Error | Out-String -Width 500)
($Error | ForEach-Object { $_.Exception.ToString() } | Out-String)
($all | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
($Error | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
('TRANSCRIPT>>' + (Get-Content "$folder/transcript.txt" -Raw))
(Get-Content "$folder/results.xml" -Raw)
(Get-Content "$folder/errors.xml" -Raw)
'@
        $result = Invoke-SignIn $awsHome $scan @{ SCAN_URL = $url; SCAN_WRONG = $wrongSecret; SCAN_TOKEN = $token; SCAN_PASSWORD_URL = $withPassword; SCAN_SECRET = $secret; SCAN_PASSWORD = $password }
        $result.Terminating | Should -BeNullOrEmpty -Because $result.Message
        $text = @($result.Text) -join "`n"

        # The scan saw what it is about: the echoed canonical request with the token masked, and masked URLs.
        $text | Should -BeLike '*x-amz-security-token:`*`*`**'
        $text | Should -BeLike '*://`*`*`*@*'
        $text | Should -BeLike '*InvalidEndpointUrl*'
        $text | Should -BeLike '*TRANSCRIPT>>*InvalidSignature*'
        $issued = @((Get-EmulatorRequests -Operation AssumeRole)).Count
        $issued | Should -BeGreaterThan 0
        foreach ($value in $token, $wrongSecret, $password, $secret) {
            $text.Contains($value) | Should -BeFalse -Because "'$value' must never be shown"
        }
        # Temporary credentials issued by the emulator: every session token it issues starts with FwoG.
        $text | Should -Not -Match 'FwoG[A-Za-z0-9+/]{20}'
    }
}
