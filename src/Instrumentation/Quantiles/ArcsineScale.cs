namespace Instrumentation.Quantiles;

/// <summary>
/// The t-digest k1 scale function, k(q) = δ/(2π)·asin(2q − 1). A centroid may span at most one unit of k.
/// The slope of k grows without bound towards q = 0 and q = 1, so centroids are small in the tails, where
/// summaries are usually queried, and large around the median. Over [0, 1] k spans δ/2, and every two
/// neighbouring centroids together span more than one unit, so a digest never holds more than δ centroids.
/// </summary>
/// <remarks>
/// One unit of k is a fixed angle φ = 2π/δ, so k⁻¹(k(q) + 1) = (1 + sin(θ + φ))/2 with sin θ = 2q − 1, and by the
/// angle-sum identity sin(θ + φ) = (2q − 1)·cos φ + 2·√(q(1 − q))·sin φ: a square root per centroid instead of an
/// arcsine and a sine. <see cref="Step"/> holds cos φ and sin φ for one compression.
/// </remarks>
internal static class ArcsineScale
{
    /// <summary>
    /// MaxQuantile returns the highest quantile a centroid that starts at quantile <paramref name="start"/>
    /// may reach: k⁻¹(k(start) + 1), or 1 when that is past the end of the scale.
    /// </summary>
    public static double MaxQuantile(double start, double compression) => new Step(compression).MaxQuantile(start);

    /// <summary>One unit of k at a given compression, precomputed: what a merging pass evaluates per centroid.</summary>
    public readonly struct Step
    {
        private readonly double _cos;
        private readonly double _sin;

        /// <summary>Precomputes the angle of one unit of k at <paramref name="compression"/>.</summary>
        public Step(double compression)
        {
            double angle = 2 * Math.PI / compression;
            _cos = Math.Cos(angle);
            _sin = Math.Sin(angle);
        }

        /// <summary>MaxQuantile is <see cref="ArcsineScale.MaxQuantile(double, double)"/> at this step's compression.</summary>
        public double MaxQuantile(double start)
        {
            double q = Math.Clamp(start, 0, 1);
            double sine = (2 * q) - 1;

            // θ + φ reaches π/2 (the end of the scale) exactly when sin θ reaches cos φ.
            if (sine >= _cos)
            {
                return 1;
            }

            return (1 + (sine * _cos) + (2 * Math.Sqrt(q * (1 - q)) * _sin)) / 2;
        }
    }
}
