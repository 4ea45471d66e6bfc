import V6Crypto

/// The one place certificate fingerprints are computed, so the digest behind them can change in one line.
public enum CertificateFingerprint {
    /// Lower-case hex SHA-256 of `der` (what `openssl x509 -fingerprint -sha256` shows, without colons).
    public static func sha256Hex(_ der: [UInt8]) -> String {
        SHA256.digest(der).map(hex).joined()
    }
}
