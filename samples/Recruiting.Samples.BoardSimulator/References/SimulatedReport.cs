using System.Globalization;
using System.Text;

namespace Recruiting.Samples.BoardSimulator.References;

/// <summary>Writes the simulator's reference report: a small, valid one-page PDF.</summary>
internal static class SimulatedReport
{
    public static byte[] Pdf(SimulatedReferenceCheck check)
    {
        var lines = new List<string>
        {
            "Referensrapport / Reference report",
            $"Kandidat: {check.CandidateName}",
            $"Mall: {check.TemplateId} ({check.Language})",
            $"Referenser: {check.Answered} av {check.Requested}",
        };
        lines.AddRange(check.Referees.Select((r, i) => $"{i + 1}. {r.Name}: {(r.Answered ? "besvarad" : "obesvarad")}"));

        var content = new StringBuilder("BT /F1 12 Tf 50 780 Td 16 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(Escape(line)).Append(") Tj T*\n");
        }

        content.Append("ET\n");
        var stream = Encoding.Latin1.GetBytes(content.ToString());
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            null,
        };

        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new long[objects.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            offsets[i] = pdf.Position;
            if (objects[i] is { } text)
            {
                Write($"{i + 1} 0 obj\n{text}\nendobj\n");
            }
            else
            {
                Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n<< /Length {stream.Length} >>\nstream\n"));
                pdf.Write(stream);
                Write("\nendstream\nendobj\n");
            }
        }

        var xref = pdf.Position;
        Write(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' or '(' or ')' => builder.Append('\\').Append(c),
                _ when c > 0xFF || char.IsControl(c) => builder.Append('?'),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
