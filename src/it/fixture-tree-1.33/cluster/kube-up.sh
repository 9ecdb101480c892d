#!/usr/bin/env bash
echo "cluster scripts of the example tree"
