namespace Recruiting.MailImport.Subjects;

/// <summary>Check-digit algorithms over the ASCII digits of a reference (other characters are ignored).</summary>
internal static class ReferenceChecksums
{
    private static readonly byte[] DammTable =
    [
        0, 3, 1, 7, 5, 9, 8, 6, 4, 2,
        7, 0, 9, 2, 1, 5, 4, 8, 6, 3,
        4, 2, 0, 6, 8, 7, 1, 3, 5, 9,
        1, 7, 5, 0, 9, 8, 3, 4, 2, 6,
        6, 1, 2, 3, 0, 4, 5, 9, 7, 8,
        3, 6, 7, 4, 2, 0, 9, 5, 8, 1,
        5, 8, 6, 9, 7, 2, 0, 1, 3, 4,
        8, 9, 4, 5, 3, 6, 2, 0, 1, 7,
        9, 4, 3, 8, 6, 1, 7, 2, 0, 5,
        2, 5, 8, 1, 4, 3, 6, 7, 9, 0,
    ];

    public static bool IsValid(ReadOnlySpan<char> value, ReferenceChecksum rule) => rule switch
    {
        ReferenceChecksum.None => true,
        ReferenceChecksum.Luhn => Luhn(value),
        ReferenceChecksum.Mod11 => Mod11(value),
        ReferenceChecksum.Damm => Damm(value),
        _ => false,
    };

    /// <summary>Computes the check digit to append to <paramref name="digits"/> under <paramref name="rule"/> (for tests and hosts issuing numbers).</summary>
    /// <param name="digits">The payload (digits; other characters ignored).</param>
    /// <param name="rule">The rule.</param>
    /// <returns>The check digit, or -1 when the payload cannot get one (Mod 11 remainder 10).</returns>
    public static int ComputeCheckDigit(ReadOnlySpan<char> digits, ReferenceChecksum rule)
    {
        switch (rule)
        {
            case ReferenceChecksum.Luhn:
            {
                var sum = 0;
                var doubleIt = true;
                for (var i = digits.Length - 1; i >= 0; i--)
                {
                    if (!char.IsAsciiDigit(digits[i]))
                    {
                        continue;
                    }

                    var d = digits[i] - '0';
                    if (doubleIt)
                    {
                        d *= 2;
                        if (d > 9)
                        {
                            d -= 9;
                        }
                    }

                    sum += d;
                    doubleIt = !doubleIt;
                }

                return (10 - (sum % 10)) % 10;
            }

            case ReferenceChecksum.Mod11:
            {
                var sum = 0;
                var weight = 2;
                for (var i = digits.Length - 1; i >= 0; i--)
                {
                    if (!char.IsAsciiDigit(digits[i]))
                    {
                        continue;
                    }

                    sum += (digits[i] - '0') * weight;
                    weight = weight == 7 ? 2 : weight + 1;
                }

                var check = (11 - (sum % 11)) % 11;
                return check == 10 ? -1 : check;
            }

            case ReferenceChecksum.Damm:
            {
                var interim = 0;
                foreach (var c in digits)
                {
                    if (char.IsAsciiDigit(c))
                    {
                        interim = DammTable[(interim * 10) + (c - '0')];
                    }
                }

                return interim;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "No check digit for this rule.");
        }
    }

    private static bool SplitLastDigit(ReadOnlySpan<char> value, out ReadOnlySpan<char> payload, out int check)
    {
        var last = value.Length - 1;
        while (last >= 0 && !char.IsAsciiDigit(value[last]))
        {
            last--;
        }

        if (last <= 0 || value[..last].IndexOfAnyInRange('0', '9') < 0)
        {
            payload = default;
            check = -1;
            return false;
        }

        payload = value[..last];
        check = value[last] - '0';
        return true;
    }

    private static bool Luhn(ReadOnlySpan<char> value)
        => SplitLastDigit(value, out var payload, out var check) && ComputeCheckDigit(payload, ReferenceChecksum.Luhn) == check;

    private static bool Mod11(ReadOnlySpan<char> value)
        => SplitLastDigit(value, out var payload, out var check) && ComputeCheckDigit(payload, ReferenceChecksum.Mod11) == check;

    private static bool Damm(ReadOnlySpan<char> value)
        => SplitLastDigit(value, out var payload, out var check) && ComputeCheckDigit(payload, ReferenceChecksum.Damm) == check;
}
