using System.Globalization;

namespace BenchSuite.Reports.Charts;

/// <summary>What an axis counts; tick labels carry the unit, scaled to the largest binary or decimal prefix that fits.</summary>
public enum AxisUnit
{
    None,
    /// <summary>Bytes, labelled in B, KiB, MiB, GiB, TiB (binary, as the kernel's sizes are).</summary>
    Bytes,
    /// <summary>Nanoseconds, labelled in ns, µs, ms, s.</summary>
    Nanoseconds,
    /// <summary>A ratio, labelled with a trailing ×.</summary>
    Ratio,
}

/// <summary>Formats values with their unit for tick labels and tables: three significant digits, invariant culture.</summary>
public static class UnitFormat
{
    static readonly string[] s_binary = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    static readonly string[] s_time = ["ns", "µs", "ms", "s"];

    public static string Format(double value, AxisUnit unit) => unit switch
    {
        AxisUnit.Bytes => Scaled(value, 1024, s_binary),
        AxisUnit.Nanoseconds => Scaled(value, 1000, s_time),
        AxisUnit.Ratio => Number(value) + "×",
        _ => Number(value),
    };

    /// <summary>Divides by <paramref name="step"/> while the value stays at or above one step, then appends the unit.</summary>
    static string Scaled(double value, double step, string[] units)
    {
        int u = 0;
        while (Math.Abs(value) >= step && u < units.Length - 1)
        {
            value /= step;
            u++;
        }
        return Number(value) + " " + units[u];
    }

    /// <summary>At most three significant digits (all the integer digits of larger values), no exponent, no trailing zeros.</summary>
    public static string Number(double value)
    {
        if (value == 0 || !double.IsFinite(value))
            return value == 0 ? "0" : value.ToString(CultureInfo.InvariantCulture);
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        int decimals = Math.Clamp(2 - magnitude, 0, 12);
        return Math.Round(value, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);
    }
}
