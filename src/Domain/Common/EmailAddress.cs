namespace Slots.Domain.Common;

/// <summary>How the domain compares email addresses: trimmed and lower case.</summary>
public static class EmailAddress
{
    /// <summary>The form in which an email address is stored and looked up.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
