using System;
using System.Management.Automation;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// Whether a Stop-* item may be sent: ShouldProcess (unless -Force), then the target's further question (IoT
    /// -CancelInProgress), at most one prompt per item; a session that cannot prompt gets ConfirmationRequired.
    /// </summary>
    internal sealed class StopConfirmation
    {
        private readonly IConfirmationHost host;
        private readonly string commandName;
        private readonly ConfirmImpact ownImpact;

        // Yes to All / No to All at the further question, for the rest of the command.
        private bool yesToAll;
        private bool noToAll;

        public StopConfirmation(IConfirmationHost host, string commandName, ConfirmImpact ownImpact)
        {
            this.host = host;
            this.commandName = commandName;
            this.ownImpact = ownImpact;
        }

        /// <summary>
        /// True when the item was just approved at ShouldProcess's prompt (-Confirm, or $ConfirmPreference at or below the
        /// command's ConfirmImpact), which showed the action: a further question about the same item would ask twice.
        /// </summary>
        public bool ApprovedAtPrompt { get; private set; }

        /// <summary>
        /// ShouldProcess, except that -Force skips the prompt $ConfirmPreference would raise. -WhatIf (given or
        /// inherited) always goes through ShouldProcess, so it always wins; an explicit -Confirm still prompts.
        /// <paramref name="confirmGiven"/> is -Confirm's bound value (null when not given).
        /// </summary>
        public bool Approve(string description, string action, bool force, bool whatIf, object? confirmGiven, object? confirmPreference)
        {
            ApprovedAtPrompt = false;
            if (force && confirmGiven == null && !whatIf)
            {
                return true;
            }
            bool approved;
            try
            {
                approved = host.ShouldProcess(description, action);
            }
            catch (Exception cannotPrompt) when (AwsCmdlet.HostCannotPrompt(cannotPrompt))
            {
                // A runbook (pwsh -NonInteractive) where $ConfirmPreference or -Confirm asks: say what to do instead of
                // the host's generic "NonInteractive mode" error.
                host.ThrowTerminatingError(ErrorRecords.BeforeSending(
                    $"{commandName} asks for confirmation before canceling {description}, and this session cannot prompt. "
                    + "Add -Force (or -Confirm:$false) to confirm without a prompt. Nothing was sent for it.",
                    ErrorIds.ConfirmationRequired, ErrorCategory.InvalidOperation, description, cannotPrompt));
                throw;
            }
            ApprovedAtPrompt = approved && PromptsAtShouldProcess(whatIf, confirmGiven, confirmPreference, ownImpact);
            return approved;
        }

        /// <summary>
        /// The target's further question, unless -Force, or the item was just approved at the confirmation prompt, whose
        /// action already names the risk: one prompt per item. <paramref name="target"/> is the error's TargetObject.
        /// </summary>
        public bool ConfirmTarget(object? target, (string Query, string Caption, string Subject, string Reason)? question, bool force)
        {
            if (question == null || force || ApprovedAtPrompt)
            {
                return true;
            }
            try
            {
                return host.ShouldContinue(question.Value.Query, question.Value.Caption, ref yesToAll, ref noToAll);
            }
            catch (Exception cannotPrompt) when (AwsCmdlet.HostCannotPrompt(cannotPrompt))
            {
                // A runbook or `pwsh -NonInteractive` cannot answer; say what to do instead of the host's generic error.
                host.ThrowTerminatingError(ErrorRecords.BeforeSending(
                    $"-CancelInProgress asks for confirmation before {question.Value.Reason}, and this session cannot prompt. "
                    + $"Add -Force to confirm without a prompt. Nothing was sent for {question.Value.Subject}.",
                    ErrorIds.ConfirmationRequired, ErrorCategory.InvalidOperation, target, cannotPrompt));
                throw;
            }
        }

        /// <summary>
        /// Whether ShouldProcess prompts: an explicit -Confirm says so; otherwise $ConfirmPreference at or below the
        /// command's own ConfirmImpact (Medium for most, High for Stop-IoTJob), so the default preference prompts a High
        /// command too. Never under -WhatIf.
        /// </summary>
        public static bool PromptsAtShouldProcess(bool whatIf, object? confirmGiven, object? confirmPreference, ConfirmImpact ownImpact) =>
            !whatIf && (confirmGiven != null
                ? ((SwitchParameter)confirmGiven).IsPresent
                : LanguagePrimitives.TryConvertTo<ConfirmImpact>(confirmPreference, out var level) && level != ConfirmImpact.None && level <= ownImpact);
    }
}
