package jp.renkei.hub.regional.signature;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;

/**
 * Reads the hcRole of an HPKI certificate. The role is not an extension of its own: it is the attribute
 * {@value #HC_ROLE_ATTRIBUTE} (ISO 17090 hcRole) inside SubjectDirectoryAttributes (2.5.29.9), whose value is an
 * HCActor with codedData: the coding scheme {@value #HPKI_ROLE_SCHEME} and the role's text
 * ({@code Medical Doctor}, {@code Pharmacist} …).
 */
public final class HcRoles {

    public static final String HC_ROLE_ATTRIBUTE = "1.0.17090.0.1";
    public static final String HPKI_ROLE_SCHEME = "1.2.392.100495.1.6.1.1";

    private HcRoles() {
    }

    /** The roles the certificate attests under the HPKI coding scheme; empty for a certificate without any. */
    public static List<HcRole> of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectDirectoryAttributes.getId());
        if (extension == null) {
            return List.of();
        }
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
            SubjectDirectoryAttributes attributes = SubjectDirectoryAttributes.getInstance(inner);
            List<HcRole> roles = new ArrayList<>();
            for (Object each : attributes.getAttributes()) {
                Attribute attribute = (Attribute) each;
                if (HC_ROLE_ATTRIBUTE.equals(attribute.getAttrType().getId())) {
                    for (ASN1Encodable actor : attribute.getAttrValues()) {
                        collect(actor.toASN1Primitive(), roles);
                    }
                }
            }
            return List.copyOf(roles);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            // A broken attribute attests nothing; the signature itself is judged by the validator.
            return List.of();
        }
    }

    /**
     * Walks one HCActor: codedData is a SET of [0] codingSchemeReference OID and a tagged text value. The walk
     * looks for the scheme's OID and takes the string beside it, so both the tagged [1] and [2] value forms work.
     */
    private static void collect(ASN1Primitive node, List<HcRole> roles) {
        ASN1Primitive plain = node instanceof ASN1TaggedObject tagged ? tagged.getBaseObject().toASN1Primitive() : node;
        Iterable<ASN1Encodable> children;
        if (plain instanceof ASN1Sequence sequence) {
            children = sequence;
        } else if (plain instanceof ASN1Set set) {
            children = set;
        } else {
            return;
        }
        boolean hpkiScheme = false;
        String text = null;
        for (ASN1Encodable child : children) {
            ASN1Primitive value = child.toASN1Primitive();
            ASN1Primitive base = value instanceof ASN1TaggedObject t ? t.getBaseObject().toASN1Primitive() : value;
            if (base instanceof ASN1ObjectIdentifier oid) {
                hpkiScheme |= HPKI_ROLE_SCHEME.equals(oid.getId());
            } else if (base instanceof ASN1String string) {
                text = string.getString();
            } else {
                collect(value, roles);
            }
        }
        if (hpkiScheme && text != null && !text.isBlank()) {
            roles.add(HcRole.of(text));
        }
    }
}
