namespace Recruiting.MailImport.Subjects;

/// <summary>A check-digit rule over the digits of a reference: the last digit checks all the digits before it (letters and <c>-</c> are ignored).</summary>
public enum ReferenceChecksum
{
    /// <summary>No check digit.</summary>
    None,

    /// <summary>The Luhn (mod 10) algorithm, as on payment cards; catches every single-digit error and most adjacent swaps.</summary>
    Luhn,

    /// <summary>Mod 11 with weights 2, 3, 4, 5, 6, 7 repeating from the right; a remainder giving check value 10 is never valid.</summary>
    Mod11,

    /// <summary>The Damm algorithm; catches every single-digit error and every adjacent swap.</summary>
    Damm,
}
