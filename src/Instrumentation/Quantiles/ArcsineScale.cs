namespace Instrumentation.Quantiles;

/// <summary>
/// The t-digest k1 scale function, k(q) = δ/(2π)·asin(2q − 1). A centroid may span at most one unit of k.
/// The slope of k grows without bound towards q = 0 and q = 1, so centroids are small in the tails, where
/// summaries are usually queried, and large around the median. Over [0, 1] k spans δ/2, and every two
/// neighbouring centroids together span more than one unit, so a digest never holds more than δ centroids.
/// </summary>
internal static class ArcsineScale
{
    /// <summary>
    /// MaxQuantile returns the highest quantile a centroid that starts at quantile <paramref name="start"/>
    /// may reach: k⁻¹(k(start) + 1), or 1 when that is past the end of the scale.
    /// </summary>
    public static double MaxQuantile(double start, double compression)
    {
        double k = compression / (2 * Math.PI) * Math.Asin(2 * Math.Clamp(start, 0, 1) - 1) + 1;
        if (k >= compression / 4)
        {
            return 1;
        }

        return (Math.Sin(k * 2 * Math.PI / compression) + 1) / 2;
    }
}
