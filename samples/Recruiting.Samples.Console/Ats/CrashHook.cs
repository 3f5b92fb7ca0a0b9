using System.Globalization;

namespace Recruiting.Samples.Console.Ats;

/// <summary>
/// For end-to-end crash tests: <c>RECRUITING_SAMPLE_CRASH_AFTER=OPERATION:N</c> kills the process right after the host
/// committed its N-th effect of that operation (e.g. <c>intake:3</c>), before the SDK could mark it done — the moment
/// ARCHITECTURE.md principle 2 must survive. A rerun must then import exactly the missing ones.
/// </summary>
internal static class CrashHook
{
    public const string Variable = "RECRUITING_SAMPLE_CRASH_AFTER";

    public static Func<string, IdempotencyKey, Exception?>? FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value) || value.Split(':') is not [var operation, var countText]
            || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var seen = 0;
        return (op, _) =>
        {
            if (string.Equals(op, operation, StringComparison.Ordinal) && Interlocked.Increment(ref seen) == count)
            {
                Environment.FailFast($"{Variable}: killed after {operation} #{count}");
            }

            return null;
        };
    }
}
