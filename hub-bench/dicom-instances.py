#!/usr/bin/env python3
"""Copies of one template instance, each with its own SOP instance UID, for hub-bench/dicom.sh.

    dicom-instances.py TEMPLATE OUT_DIR COUNT PARTS STUDY_MODE [STOW_PER_REQUEST]

The template's study, series and SOP instance UIDs (listed in TEMPLATE.uids) are 42 characters long (2.25. and
38 digits), so new UIDs of the same length replace them byte for byte: no DICOM parsing, no lengths to rewrite, thousands of files per second.
The files go into PARTS sub-directories (part-0 ... part-N), one per parallel sender. STUDY_MODE "one": every part
is a series of one new study (a PACS splitting a CT over associations); "each": every part is its own study.
With STOW_PER_REQUEST, every part's files are also written as multipart/related request bodies holding that many
instances each, into stow-0 ... stow-N.
"""
import os
import random
import sys

BOUNDARY = b"renkei-bench-boundary"


def uid():
    return ("2.25." + str(random.randrange(10 ** 37, 10 ** 38))).encode()


def main():
    template, out, count, parts, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    per_request = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    data = open(template, "rb").read()
    study_t, series_t, instance_t = open(template + ".uids", "rb").read().split()
    assert all(data.count(u) > 0 for u in (study_t, series_t, instance_t)), "template UIDs not found"
    one_study = uid()
    for p in range(parts):
        directory = os.path.join(out, "part-%d" % p)
        os.makedirs(directory, exist_ok=True)
        study = one_study if mode == "one" else uid()
        series = uid()
        base = data.replace(study_t, study).replace(series_t, series)
        share = count // parts + (1 if p < count % parts else 0)
        body, in_body, bodies = [], 0, 0
        for n in range(share):
            instance = base.replace(instance_t, uid())
            with open(os.path.join(directory, "%06d.dcm" % n), "wb") as f:
                f.write(instance)
            if per_request:
                body.append(b"--" + BOUNDARY + b"\r\nContent-Type: application/dicom\r\n\r\n" + instance + b"\r\n")
                in_body += 1
                if in_body == per_request or n == share - 1:
                    os.makedirs(os.path.join(out, "stow-%d" % p), exist_ok=True)
                    with open(os.path.join(out, "stow-%d" % p, "%05d.body" % bodies), "wb") as f:
                        f.write(b"".join(body) + b"--" + BOUNDARY + b"--\r\n")
                    body, in_body, bodies = [], 0, bodies + 1
    print((one_study if mode == "one" else b"").decode())


if __name__ == "__main__":
    main()
